import { type EntityManager, type EntitySchema } from 'typeorm';

/** What the plain-SQL helpers need of an entity's table: columns (property ↔ column), key column, placeholder style. */
const tableOf = <Rec extends object>(tx: EntityManager, entity: EntitySchema<Rec>, keyProperty: string) => {
  const meta = tx.connection.getMetadata(entity);
  const columns = meta.columns.map((c) => ({ property: c.propertyName, name: c.databaseName }));
  const postgres = tx.connection.options.type === 'postgres';
  return {
    columns,
    key: columns.find((c) => c.property === keyProperty)!.name,
    table: tx.connection.driver.escape(meta.tableName),
    /** The n-th (1-based) bind parameter. */
    mark: (n: number): string => (postgres ? `$${n}` : '?'),
  };
};

/**
 * Multi-row upsert in plain SQL that SQLite (3.24+) and PostgreSQL both accept
 * (`INSERT … ON CONFLICT (key) DO UPDATE SET col = excluded.col`): one statement per chunk instead of
 * TypeORM's query building per row set. Column names come from the entity's metadata.
 */
export const bulkUpsert = async <Rec extends object>(tx: EntityManager, entity: EntitySchema<Rec>, keyProperty: string, records: readonly Rec[], chunk = 500): Promise<void> => {
  if (records.length === 0) return;
  const { columns, key, table, mark } = tableOf(tx, entity, keyProperty);
  const updates = columns.filter((c) => c.name !== key).map((c) => `${c.name} = excluded.${c.name}`).join(', ');
  for (let i = 0; i < records.length; i += chunk) {
    const slice = records.slice(i, i + chunk);
    const params: unknown[] = [];
    const tuples = slice.map((r) => `(${columns.map((c) => {
      params.push((r as Record<string, unknown>)[c.property]);
      return mark(params.length);
    }).join(', ')})`);
    await tx.query(`INSERT INTO ${table} (${columns.map((c) => c.name).join(', ')}) VALUES ${tuples.join(', ')} ON CONFLICT (${key}) DO UPDATE SET ${updates}`, params);
  }
};

/** The records with these keys, by plain SQL (chunks of 500 keys), mapped back to the entity's properties. */
export const bulkLoad = async <Rec extends object>(tx: EntityManager, entity: EntitySchema<Rec>, keyProperty: string, keys: readonly string[], chunk = 500): Promise<Rec[]> => {
  const { columns, key, table, mark } = tableOf(tx, entity, keyProperty);
  const out: Rec[] = [];
  for (let i = 0; i < keys.length; i += chunk) {
    const slice = keys.slice(i, i + chunk);
    const marks = slice.map((_, j) => mark(j + 1)).join(', ');
    const found: Record<string, unknown>[] = await tx.query(`SELECT ${columns.map((c) => c.name).join(', ')} FROM ${table} WHERE ${key} IN (${marks})`, [...slice]);
    for (const row of found) out.push(Object.fromEntries(columns.map((c) => [c.property, row[c.name]])) as Rec);
  }
  return out;
};
