import { type DataSource, type EntityManager, type EntitySchema } from 'typeorm';

/**
 * What the plain-SQL helpers need of an entity's table: columns (property ↔ column), key columns,
 * placeholder style. `table` overrides the entity's table name (a rebuild writes `<table>__next`).
 */
const tableOf = <Rec extends object>(tx: EntityManager, entity: EntitySchema<Rec>, table?: string) => {
  const meta = tx.connection.getMetadata(entity);
  const columns = meta.columns.map((c) => ({ property: c.propertyName, name: c.databaseName, array: `${ARRAY_TYPES[String(c.type)] ?? 'text'}[]` }));
  return {
    postgres: tx.connection.options.type === 'postgres',
    columns,
    keys: meta.primaryColumns.map((c) => c.databaseName),
    table: tx.connection.driver.escape(table ?? meta.tableName),
    mark: (n: number): string => placeholder(tx, n),
  };
};

/** PostgreSQL array types for `unnest` by column type. */
const ARRAY_TYPES: Record<string, string> = { varchar: 'text', text: 'text', integer: 'int', bigint: 'bigint' };

/**
 * PostgreSQL: the whole record set as one array per column, `INSERT … SELECT * FROM unnest(…)` — one
 * statement and n parameters however many rows, instead of n × rows placeholders.
 */
const unnestInsert = async (tx: EntityManager, t: ReturnType<typeof tableOf>, records: readonly object[], onConflict: string): Promise<void> => {
  const params = t.columns.map((c) => records.map((r) => (r as Record<string, unknown>)[c.property] ?? null));
  const arrays = t.columns.map((c, i) => `$${i + 1}::${c.array}`).join(', ');
  await tx.query(`INSERT INTO ${t.table} (${t.columns.map((c) => c.name).join(', ')}) SELECT * FROM unnest(${arrays}) ${onConflict}`, params);
};

const valuesOf = <Rec extends object>(columns: readonly { property: string }[], slice: readonly Rec[], mark: (n: number) => string) => {
  const params: unknown[] = [];
  const tuples = slice.map((r) => `(${columns.map((c) => {
    params.push((r as Record<string, unknown>)[c.property]);
    return mark(params.length);
  }).join(', ')})`);
  return { params, tuples: tuples.join(', ') };
};

/**
 * Multi-row upsert in plain SQL that SQLite (3.24+) and PostgreSQL both accept
 * (`INSERT … ON CONFLICT (key) DO UPDATE SET col = excluded.col`): one statement per chunk instead of
 * TypeORM's query building per row set. Column names come from the entity's metadata.
 */
export const bulkUpsert = async <Rec extends object>(tx: EntityManager, entity: EntitySchema<Rec>, records: readonly Rec[], table?: string, chunk = 500): Promise<void> => {
  if (records.length === 0) return;
  const t = tableOf(tx, entity, table);
  const { columns, keys, table: name, mark } = t;
  const updates = columns.filter((c) => !keys.includes(c.name)).map((c) => `${c.name} = excluded.${c.name}`).join(', ');
  if (t.postgres) return unnestInsert(tx, t, records, `ON CONFLICT (${keys.join(', ')}) DO UPDATE SET ${updates}`);
  for (let i = 0; i < records.length; i += chunk) {
    const { params, tuples } = valuesOf(columns, records.slice(i, i + chunk), mark);
    await tx.query(`INSERT INTO ${name} (${columns.map((c) => c.name).join(', ')}) VALUES ${tuples} ON CONFLICT (${keys.join(', ')}) DO UPDATE SET ${updates}`, params);
  }
};

/** Multi-row insert of append-only records; a record already there (same key) is left as it is. */
export const bulkAppend = async <Rec extends object>(tx: EntityManager, entity: EntitySchema<Rec>, records: readonly Rec[], table?: string, chunk = 500): Promise<void> => {
  if (records.length === 0) return;
  const t = tableOf(tx, entity, table);
  const { columns, table: name, mark } = t;
  if (t.postgres) return unnestInsert(tx, t, records, 'ON CONFLICT DO NOTHING');
  for (let i = 0; i < records.length; i += chunk) {
    const { params, tuples } = valuesOf(columns, records.slice(i, i + chunk), mark);
    await tx.query(`INSERT INTO ${name} (${columns.map((c) => c.name).join(', ')}) VALUES ${tuples} ON CONFLICT DO NOTHING`, params);
  }
};

/** The records with these keys (single-column key), by plain SQL in chunks of 500 keys, mapped back to the entity's properties. */
export const bulkLoad = async <Rec extends object>(tx: EntityManager, entity: EntitySchema<Rec>, keys: readonly string[], table?: string, chunk = 500): Promise<Rec[]> => {
  const { columns, keys: [key], table: name, mark, postgres } = tableOf(tx, entity, table);
  const out: Rec[] = [];
  const map = (found: Record<string, unknown>[]) => { for (const row of found) out.push(Object.fromEntries(columns.map((c) => [c.property, row[c.name]])) as Rec); };
  if (postgres) {
    if (keys.length > 0) map(await tx.query(`SELECT ${columns.map((c) => c.name).join(', ')} FROM ${name} WHERE ${key!} = ANY($1::text[])`, [[...keys]]));
    return out;
  }
  for (let i = 0; i < keys.length; i += chunk) {
    const slice = keys.slice(i, i + chunk);
    const marks = slice.map((_, j) => mark(j + 1)).join(', ');
    const found: Record<string, unknown>[] = await tx.query(`SELECT ${columns.map((c) => c.name).join(', ')} FROM ${name} WHERE ${key!} IN (${marks})`, [...slice]);
    for (const row of found) out.push(Object.fromEntries(columns.map((c) => [c.property, row[c.name]])) as Rec);
  }
  return out;
};

/** Deletes the records with these keys (single-column key). */
export const bulkDelete = async <Rec extends object>(tx: EntityManager, entity: EntitySchema<Rec>, keys: readonly string[], table?: string, chunk = 500): Promise<void> => {
  const { keys: [key], table: name, mark, postgres } = tableOf(tx, entity, table);
  if (postgres) return void (await tx.query(`DELETE FROM ${name} WHERE ${key!} = ANY($1::text[])`, [[...keys]]));
  for (let i = 0; i < keys.length; i += chunk) {
    const slice = keys.slice(i, i + chunk);
    await tx.query(`DELETE FROM ${name} WHERE ${key!} IN (${slice.map((_, j) => mark(j + 1)).join(', ')})`, [...slice]);
  }
};

/** The n-th (1-based) bind placeholder of the read store's dialect: `$n` on PostgreSQL, `?` on SQLite. */
export const placeholder = (db: DataSource | EntityManager, n: number): string =>
  (('connection' in db ? db.connection : db).options.type === 'postgres' ? `$${n}` : '?');
