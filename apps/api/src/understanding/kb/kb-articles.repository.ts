import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/** An article as the table holds it. */
export interface KbArticleRow {
  id: number;
  title: string;
  body: string;
  tags: string;
  department_id: number | null;
  valid_from: string | Date | null;
  valid_to: string | Date | null;
  use_count: number;
  active: number;
  created_at: Date;
  updated_at: Date;
  version: number;
}

/** What an article says; `tags` as stored (JSON). */
export interface KbArticleContent {
  title: string;
  body: string;
  tags: string;
  departmentId: number | null;
  validFrom: string | null;
  validTo: string | null;
}

const values = (a: KbArticleContent) => [a.title, a.body, a.tags, a.departmentId, a.validFrom, a.validTo];

/**
 * Every query on `kb_articles`. Deletion is soft (active = 0) and every change moves `updated_at`, so an instance
 * catches up by reading the rows changed since its last load; edits are guarded UPDATEs (id and version).
 */
@Injectable()
export class KbArticlesRepository {
  constructor(private readonly db: DataSource) {}

  /** Rows changed since `since`, deleted ones included, oldest change first. */
  changedSince(since: Date): Promise<KbArticleRow[]> {
    return this.db.query('SELECT * FROM kb_articles WHERE updated_at >= ? ORDER BY updated_at', [since]);
  }

  async page(page: number, pageSize: number): Promise<{ rows: KbArticleRow[]; total: number }> {
    const [rows, [{ n }]] = await Promise.all([
      this.db.query<KbArticleRow[]>(`SELECT * FROM kb_articles WHERE active = 1 ORDER BY updated_at DESC, id DESC LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`),
      this.db.query<Array<{ n: number }>>('SELECT COUNT(*) AS n FROM kb_articles WHERE active = 1'),
    ]);
    return { rows, total: Number(n) };
  }

  /** An active article; `m`: the caller's transaction, when in one. */
  async find(id: number, m: EntityManager = this.db.manager): Promise<KbArticleRow | null> {
    const [row]: KbArticleRow[] = await m.query('SELECT * FROM kb_articles WHERE id = ? AND active = 1', [id]);
    return row ?? null;
  }

  async insert(a: KbArticleContent, userId: number, now: Date): Promise<number> {
    const res = await this.db.query(
      `INSERT INTO kb_articles (title, body, tags, department_id, valid_from, valid_to, use_count, active, created_by, created_at, updated_at, version)
       VALUES (?, ?, ?, ?, ?, ?, 0, 1, ?, ?, ?, 1)`,
      [...values(a), userId, now, now],
    );
    return Number(res.insertId);
  }

  /** Many articles in one statement (the caller cuts them in chunks). */
  async insertMany(items: KbArticleContent[], userId: number, now: Date): Promise<void> {
    await this.db.query(
      `INSERT INTO kb_articles (title, body, tags, department_id, valid_from, valid_to, use_count, active, created_by, created_at, updated_at, version) VALUES ${items.map(() => '(?, ?, ?, ?, ?, ?, 0, 1, ?, ?, ?, 1)').join(', ')}`,
      items.flatMap((a) => [...values(a), userId, now, now]),
    );
  }

  /** False when the article changed or was deleted meanwhile. */
  async update(id: number, version: number, a: KbArticleContent, now: Date): Promise<boolean> {
    const res = await this.db.query(
      `UPDATE kb_articles SET title = ?, body = ?, tags = ?, department_id = ?, valid_from = ?, valid_to = ?, updated_at = ?, version = version + 1
       WHERE id = ? AND version = ? AND active = 1`,
      [...values(a), now, id, version],
    );
    return Number(res.affectedRows) === 1;
  }

  /** Soft delete; false when there is no such active article. */
  async deactivate(id: number, now: Date): Promise<boolean> {
    const res = await this.db.query('UPDATE kb_articles SET active = 0, updated_at = ?, version = version + 1 WHERE id = ? AND active = 1', [now, id]);
    return Number(res.affectedRows) === 1;
  }

  /** Counts one use, in the caller's transaction. */
  async countUse(m: EntityManager, id: number): Promise<void> {
    await m.query('UPDATE kb_articles SET use_count = use_count + 1 WHERE id = ?', [id]);
  }
}
