/**
 * The sha256 of every CRD file in upstream's `deploy/crds/` at each release tag we support.
 *
 * These are facts about upstream's release tags (github.com/planetscale/vitess-operator), not copies of
 * the files: the library never ships upstream's CRDs, it reads them from disk at synth time and refuses
 * any file whose hash differs from the one pinned here. Adding a release means adding its row here and in
 * `lib/releases.ts`; `test/operator/crd-checksums.test.ts` checks both tables agree.
 */
export const CRD_SHA256: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'v2.7.5': {
    'planetscale.com_etcdlockservers.yaml': '6af3980087dccb8f2626278dd17110a0b624519259657e67da01023f39a4c480',
    'planetscale.com_vitessbackups.yaml': '876c2c21a9131312960a473e7f1655f7fed1e5134711a2447a7b8e1ac3ae3972',
    'planetscale.com_vitessbackupstorages.yaml': '12c5a48bae8ac427740fd1265cbf42b9cd5cf1673c8d32191b5895365d0a37fb',
    'planetscale.com_vitesscells.yaml': '43fab3a63f07c0c5cb654f1e2e6d059b764558c9c1e2f29c9fd0a0eae9d4076d',
    'planetscale.com_vitessclusters.yaml': '1cf28e43b8993b9509e07ac8dec350716d870eae9da8484f2660645d515210ce',
    'planetscale.com_vitesskeyspaces.yaml': '85e057c1df8a0ee5afa786f44b17d7d4a1968056d439df22db0555c85103e815',
    'planetscale.com_vitessshards.yaml': 'de9e3c44835ec0582e6c500e0b90de3f31c09d38686a6f1d963cc9bec54df2e7',
  },
  'v2.8.6': {
    'planetscale.com_etcdlockservers.yaml': '6af3980087dccb8f2626278dd17110a0b624519259657e67da01023f39a4c480',
    'planetscale.com_vitessbackups.yaml': '876c2c21a9131312960a473e7f1655f7fed1e5134711a2447a7b8e1ac3ae3972',
    'planetscale.com_vitessbackupstorages.yaml': '12c5a48bae8ac427740fd1265cbf42b9cd5cf1673c8d32191b5895365d0a37fb',
    'planetscale.com_vitesscells.yaml': '43fab3a63f07c0c5cb654f1e2e6d059b764558c9c1e2f29c9fd0a0eae9d4076d',
    'planetscale.com_vitessclusters.yaml': '2bfa72df6d5e3dc02eb4e205b3ada7c5f083a46d88b962db234f6d0695ac5958',
    'planetscale.com_vitesskeyspaces.yaml': '5afec22386fa2384d85d9e4e409a658f920c0ef6d21a1bad9b283f74f7ae3a4d',
    'planetscale.com_vitessshards.yaml': 'ff4f9e19467ad584b3a6d1419539759cf6a258937d75c630f8dcaa1e6158f80e',
  },
  'v2.9.5': {
    'planetscale.com_etcdlockservers.yaml': '63a0d9937989ec53e046746014d0c897bc87541614ec60e4cf003e94660fb990',
    'planetscale.com_vitessbackups.yaml': '2e0faa58eff4b37ba8a6758a88746843642c15c4dba4ff34927617fdfebdbc93',
    'planetscale.com_vitessbackupstorages.yaml': 'c85a8fa3ad15284a8841724dc32ba04f8f691ba63475951cdf5d24a33dfb9ae3',
    'planetscale.com_vitesscells.yaml': '33aec75f55a8594f3bca3819e441d88b4a2434aa5ba80b9e226eb1efaa5696f2',
    'planetscale.com_vitessclusters.yaml': '1e1fc9d9b56fe83b618465389a754786cef997a7058c5d1bf0670884fa8e9799',
    'planetscale.com_vitesskeyspaces.yaml': 'dfef0983ae58bb32cc2b0ce54956b80cd5e657fee4726658c034abad60298ef4',
    'planetscale.com_vitessshards.yaml': '71c4cb4e6cfbf8865065d3aa5b4f58a402f824210798856479daea7049ddc78d',
  },
  'v2.10.4': {
    'planetscale.com_etcdlockservers.yaml': '63a0d9937989ec53e046746014d0c897bc87541614ec60e4cf003e94660fb990',
    'planetscale.com_vitessbackups.yaml': '2e0faa58eff4b37ba8a6758a88746843642c15c4dba4ff34927617fdfebdbc93',
    'planetscale.com_vitessbackupstorages.yaml': 'c85a8fa3ad15284a8841724dc32ba04f8f691ba63475951cdf5d24a33dfb9ae3',
    'planetscale.com_vitesscells.yaml': 'a35ddd0b22678aedf4872f1453485b92f908d412b25863528f6179481d9e01f6',
    'planetscale.com_vitessclusters.yaml': '56b05ecdbc0b27eb3f85694b303c07732421df6339a345b58d5459eb3810102d',
    'planetscale.com_vitesskeyspaces.yaml': 'dfef0983ae58bb32cc2b0ce54956b80cd5e657fee4726658c034abad60298ef4',
    'planetscale.com_vitessshards.yaml': '71c4cb4e6cfbf8865065d3aa5b4f58a402f824210798856479daea7049ddc78d',
  },
  'v2.11.1': {
    'planetscale.com_etcdlockservers.yaml': '63a0d9937989ec53e046746014d0c897bc87541614ec60e4cf003e94660fb990',
    'planetscale.com_vitessbackups.yaml': '2e0faa58eff4b37ba8a6758a88746843642c15c4dba4ff34927617fdfebdbc93',
    'planetscale.com_vitessbackupstorages.yaml': 'c85a8fa3ad15284a8841724dc32ba04f8f691ba63475951cdf5d24a33dfb9ae3',
    'planetscale.com_vitesscells.yaml': 'a35ddd0b22678aedf4872f1453485b92f908d412b25863528f6179481d9e01f6',
    'planetscale.com_vitessclusters.yaml': '1e9cce361aa230c1d0546ee1197659975e8fc915d7ba9ef74ee298507bccb823',
    'planetscale.com_vitesskeyspaces.yaml': 'dfef0983ae58bb32cc2b0ce54956b80cd5e657fee4726658c034abad60298ef4',
    'planetscale.com_vitessshards.yaml': '71c4cb4e6cfbf8865065d3aa5b4f58a402f824210798856479daea7049ddc78d',
  },
  'v2.12.0': {
    'planetscale.com_etcdlockservers.yaml': '63a0d9937989ec53e046746014d0c897bc87541614ec60e4cf003e94660fb990',
    'planetscale.com_vitessbackups.yaml': '2e0faa58eff4b37ba8a6758a88746843642c15c4dba4ff34927617fdfebdbc93',
    'planetscale.com_vitessbackupstorages.yaml': 'c85a8fa3ad15284a8841724dc32ba04f8f691ba63475951cdf5d24a33dfb9ae3',
    'planetscale.com_vitesscells.yaml': 'a35ddd0b22678aedf4872f1453485b92f908d412b25863528f6179481d9e01f6',
    'planetscale.com_vitessclusters.yaml': 'd55a74f1d8d2550d845949ab1be33e7505be54729da8a81eea212ee1cc1872b1',
    'planetscale.com_vitesskeyspaces.yaml': '2a9e934caf450ac49b6b33c21341008a0cddf2d002ee8235ccf51f8c32285299',
    'planetscale.com_vitessshards.yaml': '1524a7c4ca70c8c1cca75decd162fee7c151cbf9a68fc607a118f16f6fc6e6aa',
  },
  'v2.13.1': {
    'planetscale.com_etcdlockservers.yaml': '63a0d9937989ec53e046746014d0c897bc87541614ec60e4cf003e94660fb990',
    'planetscale.com_vitessbackups.yaml': '2e0faa58eff4b37ba8a6758a88746843642c15c4dba4ff34927617fdfebdbc93',
    'planetscale.com_vitessbackupschedules.yaml': 'd71bce4f42158baf1b4d96fb807377858128ae9136cecfa80e2a6ad7e71d6836',
    'planetscale.com_vitessbackupstorages.yaml': 'c85a8fa3ad15284a8841724dc32ba04f8f691ba63475951cdf5d24a33dfb9ae3',
    'planetscale.com_vitesscells.yaml': 'a35ddd0b22678aedf4872f1453485b92f908d412b25863528f6179481d9e01f6',
    'planetscale.com_vitessclusters.yaml': '2583c477878a62905f1d5e783c039b9f8b0f11010b9f33cd4541ac6cbf187425',
    'planetscale.com_vitesskeyspaces.yaml': '2a9e934caf450ac49b6b33c21341008a0cddf2d002ee8235ccf51f8c32285299',
    'planetscale.com_vitessshards.yaml': '1524a7c4ca70c8c1cca75decd162fee7c151cbf9a68fc607a118f16f6fc6e6aa',
  },
  'v2.14.0': {
    'planetscale.com_etcdlockservers.yaml': '32427aac3a14d4f193f34aa9989ccc2d31f93ea6aedf15317226721acb1080af',
    'planetscale.com_vitessbackups.yaml': '3e460a4b981dac63b5eb486b9969319e9191c31c51746bb8cdf0efc02d95ddc3',
    'planetscale.com_vitessbackupschedules.yaml': '8b934cfe4bddca91a7495a27d06473ea6230c17835583c79f3827bbf0188ea2d',
    'planetscale.com_vitessbackupstorages.yaml': '1c1535f2e3d6efa9be0d5294df0ce8d2feaac094779cd5944c1a953f529967e9',
    'planetscale.com_vitesscells.yaml': '22ffb816353294b062d2267a88d255c470fa61231adac548ae8134526cdb4129',
    'planetscale.com_vitessclusters.yaml': '3108cd1ed898927564a286cb63d39ef6c96ef0fd4115239f5ff92dc29ff10557',
    'planetscale.com_vitesskeyspaces.yaml': '4170af3fd411f76da3bedf5b6142691d22fc30bb520011e1f48d9b9e887098cd',
    'planetscale.com_vitessshards.yaml': '230653b7a676f989c201a597a8774da5efebc7781f93c1582fbd245cb7f0e8f6',
  },
  'v2.15.1': {
    'planetscale.com_etcdlockservers.yaml': '1b372a8a88ebc3300058aa5edc793419050a7ebb2eda044f30c16ea12086eded',
    'planetscale.com_vitessbackups.yaml': '6188d7888ddaff9bf89ac292d0d57b9828f9c83b67d5f949d3bebde50497409b',
    'planetscale.com_vitessbackupschedules.yaml': '8cccd7f8dccf70e9796b42ccaca31ef65525998fc389647e2e361e68b5f27694',
    'planetscale.com_vitessbackupstorages.yaml': '02c9d253a7eda930493e770613360eec463e663e6bb743ff288e6ffcfe8afe34',
    'planetscale.com_vitesscells.yaml': 'e1cfac5605929ce4bc00b374cb653b54953f05e7e3a39de30d1ceb76fcce289f',
    'planetscale.com_vitessclusters.yaml': 'f8070773ddec3e0c87f19d0242279165d6998fe1f65c6540aeee44e4f0aa5593',
    'planetscale.com_vitesskeyspaces.yaml': '5445a2a5ddf07620db2a183144592b73ff84663331954e4b77409976dbe6493d',
    'planetscale.com_vitessshards.yaml': '59a46067d16819aca9a833156ef9ed5af8e4c07e48258feba1e34bd55c2fa2d1',
  },
  'v2.16.0': {
    'planetscale.com_etcdlockservers.yaml': '1b372a8a88ebc3300058aa5edc793419050a7ebb2eda044f30c16ea12086eded',
    'planetscale.com_vitessbackups.yaml': '6188d7888ddaff9bf89ac292d0d57b9828f9c83b67d5f949d3bebde50497409b',
    'planetscale.com_vitessbackupschedules.yaml': '8cccd7f8dccf70e9796b42ccaca31ef65525998fc389647e2e361e68b5f27694',
    'planetscale.com_vitessbackupstorages.yaml': '02c9d253a7eda930493e770613360eec463e663e6bb743ff288e6ffcfe8afe34',
    'planetscale.com_vitesscells.yaml': 'e1cfac5605929ce4bc00b374cb653b54953f05e7e3a39de30d1ceb76fcce289f',
    'planetscale.com_vitessclusters.yaml': '27fe3fec6ce5896ac21507c8256b7434cbf13d9871f4d79f2f262ce214aed058',
    'planetscale.com_vitesskeyspaces.yaml': 'ac25ba1aea93d1f3e6b7b71ad9df4cdc90d3e85cefce09360ab137176c423253',
    'planetscale.com_vitessshards.yaml': '2d1a85bdbc5c2f6535d28d18efcb5036703074383658a296d1e5ccc6c9dd6d06',
  },
  'v2.17.0': {
    'planetscale.com_etcdlockservers.yaml': '29004fafd3779c760ed9607fff1ff6c335789510d57e7828e3e6b804e3892807',
    'planetscale.com_vitessbackups.yaml': 'fc640b47e53f07d2112ea13aac7ba238737ef1dbe1b0980295e836b6928444aa',
    'planetscale.com_vitessbackupschedules.yaml': '41d76dbd6088210699572c1c4179ca39cb7d954bf21cef3aed5a31246bfcc55b',
    'planetscale.com_vitessbackupstorages.yaml': '3430e5bfea47dbd9e463235d235962e1f89693af4d57eaa0f8b2e6d02a0d8187',
    'planetscale.com_vitesscells.yaml': '0304c73e4d7c998d59af1a2792c539b021e073a15f49d6f5c02e611d0afbcbe0',
    'planetscale.com_vitessclusters.yaml': '0921adce76dd081e7592e780b3f54c6600ed59bdcc1de60df380acc408b49f17',
    'planetscale.com_vitesskeyspaces.yaml': 'c5809d0a6f9787a9af050e0a50416f1a24e6609522f00040e4fc980fbb0cc43e',
    'planetscale.com_vitessshards.yaml': '47abd513ca04be8f3870b250dfc3ba77a911aa77ff8d9f96263a0ceff7c303d7',
  },
};

/** The pinned hashes of one tag (e.g. `v2.17.0`), or undefined for a tag the library does not know. */
export function crdChecksums(tag: string): Readonly<Record<string, string>> | undefined {
  return CRD_SHA256[tag];
}
