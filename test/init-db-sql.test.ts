import { describe, expect, it } from 'vitest';
import { initDbSql } from '../lib/init-db-sql';

describe('initDbSql', () => {
  const sql = initDbSql();
  const statements = sql.split('\n').filter((l) => l && !l.startsWith('--'));

  it('lifts super_read_only first, keeps changes out of the binlog, and restores it last', () => {
    expect(statements.slice(0, 3)).toEqual([
      "SET @cdk8s_vitess_super_read_only = IF(@@global.super_read_only = 1, 'ON', 'OFF');",
      "SET GLOBAL super_read_only = 'OFF';",
      'SET sql_log_bin = 0;',
    ]);
    expect(statements.at(-1)).toBe("SET GLOBAL super_read_only = IFNULL(@cdk8s_vitess_super_read_only, 'ON');");
  });

  it('secures the installation and creates every Vitess user with grants', () => {
    expect(sql).toContain("DROP USER IF EXISTS ''@'%', ''@'localhost', 'root'@'%';");
    for (const u of ['vt_dba', 'vt_app', 'vt_appdebug', 'vt_allprivs', 'vt_repl', 'vt_filtered', 'vt_monitoring']) {
      expect(sql).toMatch(new RegExp(`CREATE USER '${u}'@'(localhost|%)';`));
      expect(sql).toMatch(new RegExp(`GRANT .* TO '${u}'@`));
    }
    expect(sql).toContain("GRANT PROXY ON ''@'' TO 'vt_dba'@'localhost' WITH GRANT OPTION;");
  });

  it('puts extra SQL before super_read_only is restored', () => {
    const extra = initDbSql({ extraSql: "CREATE USER 'app'@'%' IDENTIFIED BY 'x';" });
    expect(extra.indexOf("CREATE USER 'app'")).toBeGreaterThan(extra.indexOf('vt_monitoring'));
    expect(extra.indexOf("CREATE USER 'app'")).toBeLessThan(extra.indexOf('IFNULL(@cdk8s_vitess_super_read_only'));
    expect(initDbSql()).toBe(sql);
  });
});
