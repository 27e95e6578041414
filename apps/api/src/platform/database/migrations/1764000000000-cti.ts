import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Telephony: agents' extensions, the calls the telephony system reports, and the call a ticket was registered in. */
export class Cti1764000000000 implements MigrationInterface {
  name = 'Cti1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE users ADD COLUMN extension VARCHAR(16) NULL, ADD UNIQUE KEY uq_users_extension (extension)');
    await q.query(`CREATE TABLE calls (
      id INT NOT NULL AUTO_INCREMENT,
      call_id VARCHAR(64) NOT NULL,
      caller_phone VARCHAR(32) NOT NULL,
      extension VARCHAR(16) NOT NULL,
      agent_id INT NULL,
      ringing_at DATETIME(3) NULL,
      answered_at DATETIME(3) NULL,
      ended_at DATETIME(3) NULL,
      talk_ms INT NULL,
      ticket_id INT NULL,
      PRIMARY KEY (id),
      UNIQUE KEY uq_calls_call_id (call_id),
      KEY ix_calls_ended (ended_at),
      CONSTRAINT fk_calls_agent FOREIGN KEY (agent_id) REFERENCES users (id),
      CONSTRAINT fk_calls_ticket FOREIGN KEY (ticket_id) REFERENCES tickets (id)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await q.query('ALTER TABLE tickets ADD COLUMN call_id VARCHAR(64) NULL, ADD KEY ix_tickets_call (call_id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE tickets DROP KEY ix_tickets_call, DROP COLUMN call_id');
    await q.query('DROP TABLE calls');
    await q.query('ALTER TABLE users DROP KEY uq_users_extension, DROP COLUMN extension');
  }
}
