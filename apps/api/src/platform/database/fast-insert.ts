import type { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * A prepared multi-row INSERT for one entity, built once from its TypeORM metadata.
 * The intake path is the hottest in the product; going through the query builder for it cost
 * about a third of a millisecond of CPU per ticket (docs/benchmarks.md), this costs next to nothing.
 */
export class FastInsert<T extends ObjectLiteral> {
  private readonly head: string;
  private readonly row: string;
  private readonly props: string[];

  constructor(db: DataSource, entity: EntityTarget<T>) {
    const meta = db.getMetadata(entity);
    const columns = meta.columns.filter((c) => !c.isGenerated);
    this.props = columns.map((c) => c.propertyName);
    this.head = `INSERT INTO \`${meta.tableName}\` (${columns.map((c) => `\`${c.databaseName}\``).join(', ')}) VALUES `;
    this.row = `(${columns.map(() => '?').join(', ')})`;
  }

  /** Inserts the rows in one statement; returns the generated id of the first row (the only one callers read). */
  async run(m: EntityManager, rows: Array<Partial<T>>): Promise<number> {
    const params: unknown[] = [];
    for (const r of rows) for (const p of this.props) params.push(r[p] ?? null);
    const res = await m.query(this.head + rows.map(() => this.row).join(', '), params);
    return Number(res.insertId);
  }
}
