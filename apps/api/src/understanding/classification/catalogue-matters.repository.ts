import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CatalogueMatterEntity } from './catalogue-matter.entity';

/** What an admin's edit changes on a matter. */
export type MatterChanges = Pick<CatalogueMatterEntity, 'code' | 'name' | 'departmentId' | 'urgency' | 'terms' | 'phrasings' | 'confusable' | 'active' | 'version' | 'updatedAt'>;

/** The statements of `catalogue_matters` (the dispatch catalogue), through its TypeORM repository. */
@Injectable()
export class CatalogueMatters {
  constructor(private readonly db: DataSource) {}

  private get repo() {
    return this.db.getRepository(CatalogueMatterEntity);
  }

  /** The matters in force, in id order. */
  active(): Promise<CatalogueMatterEntity[]> {
    return this.repo.find({ where: { active: true }, order: { id: 'ASC' } });
  }

  /** By department then id; `q`: words in the name, terms or phrasings (LIKE, its wildcards escaped). */
  search(f: { departmentId?: number; q?: string }): Promise<CatalogueMatterEntity[]> {
    const qb = this.repo.createQueryBuilder('m').orderBy('m.department_id').addOrderBy('m.id');
    if (f.departmentId) qb.andWhere('m.department_id = :d', { d: f.departmentId });
    if (f.q) qb.andWhere('(m.name LIKE :q OR m.terms LIKE :q OR m.phrasings LIKE :q)', { q: `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` });
    return qb.getMany();
  }

  find(id: number): Promise<CatalogueMatterEntity | null> {
    return this.repo.findOne({ where: { id } });
  }

  /** Throws the duplicate-key error when the code is taken. */
  insert(row: CatalogueMatterEntity): Promise<CatalogueMatterEntity> {
    return this.repo.save(row);
  }

  /** A guarded UPDATE (id and the version read): false when the matter changed meanwhile; throws the duplicate-key error when the code is taken. */
  async update(id: number, version: number, set: MatterChanges): Promise<boolean> {
    const res = await this.repo.createQueryBuilder().update().set(set).where('id = :id AND version = :version', { id, version }).execute();
    return res.affected === 1;
  }

  async delete(id: number): Promise<boolean> {
    const res = await this.repo.delete({ id });
    return res.affected === 1;
  }
}
