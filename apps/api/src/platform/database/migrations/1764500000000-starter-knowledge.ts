import { randomBytes } from 'node:crypto';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { hashPassword } from '../../../access/auth/password';
import { starterArticles, starterCatalogue } from '../../../understanding/knowledge/starter-knowledge';

const TABLE = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';

/**
 * Understanding, second generation (issue 13): the dispatch catalogue (派单目录) as a table admins edit, seeded with
 * the team's starter catalogue, and the starter knowledge-base articles, so that a fresh clone is a working centre.
 * Both come from libs/knowledge/data as it is when the migration runs; later edits are the admins'.
 */
export class StarterKnowledge1764500000000 implements MigrationInterface {
  name = 'StarterKnowledge1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE catalogue_matters (
      id INT NOT NULL AUTO_INCREMENT,
      code VARCHAR(64) NOT NULL,
      name VARCHAR(64) NOT NULL,
      department_id INT NOT NULL,
      urgency VARCHAR(16) NULL,
      terms TEXT NOT NULL,
      phrasings TEXT NOT NULL,
      confusable TEXT NOT NULL,
      active TINYINT(1) NOT NULL DEFAULT 1,
      version INT NOT NULL DEFAULT 1,
      created_at DATETIME(3) NOT NULL,
      updated_at DATETIME(3) NOT NULL,
      PRIMARY KEY (id),
      UNIQUE KEY uq_catalogue_matters_code (code),
      KEY ix_catalogue_matters_department (department_id, active),
      CONSTRAINT fk_catalogue_matters_department FOREIGN KEY (department_id) REFERENCES departments (id)
    ) ${TABLE}`);
    const departments: Array<{ id: number; code: string }> = await q.query('SELECT id, code FROM departments');
    const idOf = new Map(departments.map((d) => [d.code, d.id]));
    const matters = starterCatalogue().filter((m) => idOf.has(m.department));
    for (let i = 0; i < matters.length; i += 100) {
      const chunk = matters.slice(i, i + 100);
      await q.query(
        `INSERT INTO catalogue_matters (code, name, department_id, urgency, terms, phrasings, confusable, active, version, created_at, updated_at)
         VALUES ${chunk.map(() => '(?, ?, ?, ?, ?, ?, ?, 1, 1, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3))').join(', ')}`,
        chunk.flatMap((m) => [
          m.code,
          m.name.slice(0, 64),
          idOf.get(m.department),
          m.urgency ?? null,
          JSON.stringify(m.terms),
          JSON.stringify(m.phrasings),
          JSON.stringify(m.confusable ?? []),
        ]),
      );
    }
    // the centre's own system account: the author of the starter articles and of what the service does by itself;
    // inactive, its password random and thrown away
    await q.query(
      `INSERT INTO users (username, display_name, role, department_id, password_hash, active, created_at)
       VALUES ('system', '系统', 'admin', NULL, ?, 0, UTC_TIMESTAMP(3))`,
      [await hashPassword(randomBytes(32).toString('hex'))],
    );
    const [{ id: systemId }] = (await q.query("SELECT id FROM users WHERE username = 'system'")) as Array<{ id: number }>;
    const articles = starterArticles();
    for (let i = 0; i < articles.length; i += 100) {
      const chunk = articles.slice(i, i + 100);
      await q.query(
        `INSERT INTO kb_articles (title, body, tags, department_id, valid_from, valid_to, use_count, active, created_by, created_at, updated_at, version)
         VALUES ${chunk.map(() => '(?, ?, ?, ?, NULL, NULL, 0, 1, ?, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3), 1)').join(', ')}`,
        chunk.flatMap((a) => [a.title.slice(0, 200), a.body, JSON.stringify(a.tags.slice(0, 12)), idOf.get(a.department) ?? null, systemId]),
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query("DELETE FROM kb_articles WHERE created_by = (SELECT id FROM users WHERE username = 'system')");
    await q.query("DELETE FROM users WHERE username = 'system'");
    await q.query('DROP TABLE catalogue_matters');
  }
}
