// The operator install's public API; lib/index.ts re-exports this file.
export { VitessOperator, VitessOperatorProps } from './vitess-operator';
export { WatchScope } from './watch-scope';
export { OperatorPodOptions } from './deployment';
export { CACHE_DIR_ENV, cacheRoot, cachedCrdDir, CrdFile, CrdSourceError, CrdSourceOptions, DATA_DIR_ENV, readCrdFiles, UPSTREAM_RAW_BASE, upstreamCrdUrl } from './crd-source';
export { CRD_SHA256, crdChecksums } from './crd-checksums';
export { fetchCrds, fetchCrdsCommand, FetchCrdsCommandOptions, FetchCrdsOptions, FetchCrdsResult, FetchFunction } from './fetch-crds';
export { BACKUP_STORAGE_NAME, OPERATOR_NAME, backupStorageRules, operatorRules } from './rbac';
