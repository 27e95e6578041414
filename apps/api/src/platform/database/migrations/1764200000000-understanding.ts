import { DEFAULT_DEPARTMENT_RULES, DEFAULT_URGENCY_RULES, areaOf, normalizeAddress } from '@hotline/domain';
import type { MigrationInterface, QueryRunner } from 'typeorm';

const TABLE = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';

/**
 * Understanding the call (issue 6): keyword rules as data, the knowledge base, hotspots, notices to callers, and
 * the address keys repeat-call and hotspot detection look tickets up by.
 */
export class Understanding1764200000000 implements MigrationInterface {
  name = 'Understanding1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE classification_rules (
      id INT NOT NULL AUTO_INCREMENT,
      kind VARCHAR(16) NOT NULL,
      target VARCHAR(32) NOT NULL,
      label VARCHAR(64) NOT NULL,
      pattern VARCHAR(500) NOT NULL,
      active TINYINT(1) NOT NULL DEFAULT 1,
      version INT NOT NULL DEFAULT 1,
      created_at DATETIME(3) NOT NULL,
      updated_at DATETIME(3) NOT NULL,
      PRIMARY KEY (id),
      KEY ix_classification_rules_kind (kind, active)
    ) ${TABLE}`);
    const rules = [...DEFAULT_URGENCY_RULES.map((r) => ['urgency', r] as const), ...DEFAULT_DEPARTMENT_RULES.map((r) => ['department', r] as const)];
    for (const [kind, r] of rules) {
      await q.query(
        'INSERT INTO classification_rules (kind, target, label, pattern, active, version, created_at, updated_at) VALUES (?, ?, ?, ?, 1, 1, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3))',
        [kind, r.target, r.label, r.pattern],
      );
    }

    await q.query(`CREATE TABLE kb_articles (
      id INT NOT NULL AUTO_INCREMENT,
      title VARCHAR(200) NOT NULL,
      body TEXT NOT NULL,
      tags VARCHAR(600) NOT NULL DEFAULT '[]',
      department_id INT NULL,
      valid_from DATE NULL,
      valid_to DATE NULL,
      use_count INT NOT NULL DEFAULT 0,
      active TINYINT(1) NOT NULL DEFAULT 1,
      created_by INT NOT NULL,
      created_at DATETIME(3) NOT NULL,
      updated_at DATETIME(3) NOT NULL,
      version INT NOT NULL DEFAULT 1,
      PRIMARY KEY (id),
      KEY ix_kb_articles_updated (updated_at),
      CONSTRAINT fk_kb_articles_department FOREIGN KEY (department_id) REFERENCES departments (id),
      CONSTRAINT fk_kb_articles_user FOREIGN KEY (created_by) REFERENCES users (id)
    ) ${TABLE}`);

    await q.query(`CREATE TABLE hotspots (
      id INT NOT NULL AUTO_INCREMENT,
      area VARCHAR(64) NOT NULL,
      keywords VARCHAR(255) NOT NULL,
      status VARCHAR(16) NOT NULL,
      ticket_count INT NOT NULL,
      first_at DATETIME(3) NOT NULL,
      last_at DATETIME(3) NOT NULL,
      detected_at DATETIME(3) NOT NULL,
      closed_at DATETIME(3) NULL,
      closed_by INT NULL,
      version INT NOT NULL DEFAULT 1,
      PRIMARY KEY (id),
      KEY ix_hotspots_area (area, status, last_at),
      KEY ix_hotspots_status (status, last_at)
    ) ${TABLE}`);
    await q.query(`CREATE TABLE hotspot_tickets (
      hotspot_id INT NOT NULL,
      ticket_id INT NOT NULL,
      added_at DATETIME(3) NOT NULL,
      PRIMARY KEY (hotspot_id, ticket_id),
      UNIQUE KEY uq_hotspot_tickets_ticket (ticket_id),
      CONSTRAINT fk_hotspot_tickets_hotspot FOREIGN KEY (hotspot_id) REFERENCES hotspots (id),
      CONSTRAINT fk_hotspot_tickets_ticket FOREIGN KEY (ticket_id) REFERENCES tickets (id)
    ) ${TABLE}`);

    // What the caller is told (merge of a repeat call): an outbox the SMS gateway drains; sent_at when it did.
    await q.query(`CREATE TABLE caller_notices (
      id INT NOT NULL AUTO_INCREMENT,
      ticket_id INT NOT NULL,
      phone VARCHAR(20) NOT NULL,
      reason VARCHAR(32) NOT NULL,
      message VARCHAR(500) NOT NULL,
      created_at DATETIME(3) NOT NULL,
      sent_at DATETIME(3) NULL,
      PRIMARY KEY (id),
      KEY ix_caller_notices_unsent (sent_at, id),
      CONSTRAINT fk_caller_notices_ticket FOREIGN KEY (ticket_id) REFERENCES tickets (id)
    ) ${TABLE}`);

    await q.query(`ALTER TABLE tickets
      ADD COLUMN address_key VARCHAR(120) NULL,
      ADD COLUMN area_key VARCHAR(64) NULL,
      ADD KEY ix_tickets_address_created (address_key, created_at),
      ADD KEY ix_tickets_area_created (area_key, created_at)`);
    // existing tickets get their keys (batches by id, so a large table is not read at once)
    for (let after = 0; ;) {
      const rows: Array<{ id: number; address: string }> = await q.query('SELECT id, address FROM tickets WHERE id > ? AND address IS NOT NULL ORDER BY id LIMIT 1000', [after]);
      if (rows.length === 0) break;
      for (const r of rows) {
        await q.query('UPDATE tickets SET address_key = ?, area_key = ? WHERE id = ?', [normalizeAddress(r.address), areaOf(r.address), r.id]);
      }
      after = rows[rows.length - 1].id;
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE tickets DROP KEY ix_tickets_area_created, DROP KEY ix_tickets_address_created, DROP COLUMN area_key, DROP COLUMN address_key');
    await q.query('DROP TABLE caller_notices');
    await q.query('DROP TABLE hotspot_tickets');
    await q.query('DROP TABLE hotspots');
    await q.query('DROP TABLE kb_articles');
    await q.query('DROP TABLE classification_rules');
  }
}
