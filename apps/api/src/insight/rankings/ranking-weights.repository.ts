import { Injectable } from '@nestjs/common';
import type { RankingWeights } from '@hotline/contracts';
import { withLaterWeights } from '@hotline/domain';
import { DataSource } from 'typeorm';

export interface WeightsRow {
  weights: RankingWeights;
  version: number;
  updatedAt: Date | null;
}

/** The SQL of ranking_weights: one row, changed by a guarded update on its version. */
@Injectable()
export class RankingWeightsRepository {
  constructor(private readonly db: DataSource) {}

  async get(): Promise<WeightsRow> {
    const [row]: Array<{ weights: string; version: number; updated_at: Date | null }> = await this.db.query(
      'SELECT weights, version, updated_at FROM ranking_weights WHERE id = 1',
    );
    // a set stored before 积案清零率 joined reads it as 0 (libs/domain ranking.ts LATER_WEIGHTS): it still sums to 100
    return { weights: withLaterWeights(JSON.parse(row.weights) as Record<string, unknown>) as RankingWeights, version: Number(row.version), updatedAt: row.updated_at };
  }

  /** Answers whether the row was still at `version` (and is now changed). */
  async update(weights: RankingWeights, version: number, userId: number, now: Date): Promise<boolean> {
    const res = await this.db.query('UPDATE ranking_weights SET weights = ?, version = version + 1, updated_at = ?, updated_by = ? WHERE id = 1 AND version = ?', [
      JSON.stringify(weights),
      now,
      userId,
      version,
    ]);
    return Number(res.affectedRows) === 1;
  }
}
