import { Injectable } from '@nestjs/common';
import type { RuleKind } from '@hotline/contracts';
import { DataSource } from 'typeorm';
import { ClassificationRuleEntity } from './classification-rule.entity';

/** What an admin's edit changes on a rule. */
export type RuleChanges = Pick<ClassificationRuleEntity, 'target' | 'label' | 'pattern' | 'active' | 'version' | 'updatedAt'>;

/** The statements of `classification_rules` (the keyword rules), through its TypeORM repository. */
@Injectable()
export class ClassificationRules {
  constructor(private readonly db: DataSource) {}

  private get repo() {
    return this.db.getRepository(ClassificationRuleEntity);
  }

  /** The rules in force, in id order (the order they are compiled in). */
  active(): Promise<ClassificationRuleEntity[]> {
    return this.repo.find({ where: { active: true }, order: { id: 'ASC' } });
  }

  list(kind?: RuleKind): Promise<ClassificationRuleEntity[]> {
    return this.repo.find({ where: kind ? { kind } : {}, order: { kind: 'ASC', id: 'ASC' } });
  }

  find(id: number): Promise<ClassificationRuleEntity | null> {
    return this.repo.findOne({ where: { id } });
  }

  insert(row: ClassificationRuleEntity): Promise<ClassificationRuleEntity> {
    return this.repo.save(row);
  }

  /** A guarded UPDATE (id and the version read): false when the rule changed meanwhile. */
  async update(id: number, version: number, set: RuleChanges): Promise<boolean> {
    const res = await this.repo.createQueryBuilder().update().set(set).where('id = :id AND version = :version', { id, version }).execute();
    return res.affected === 1;
  }

  async delete(id: number): Promise<boolean> {
    const res = await this.repo.delete({ id });
    return res.affected === 1;
  }
}
