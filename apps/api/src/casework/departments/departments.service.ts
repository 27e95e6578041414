import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { DepartmentDto } from '@hotline/contracts';
import { Repository } from 'typeorm';
import { DepartmentEntity } from './department.entity';

/** Departments change only by migration, so they are read once and served from memory. */
@Injectable()
export class DepartmentsService implements OnModuleInit {
  private list: DepartmentDto[] = [];
  private ids = new Set<number>();

  constructor(@InjectRepository(DepartmentEntity) private readonly repo: Repository<DepartmentEntity>) {}

  async onModuleInit(): Promise<void> {
    const rows = await this.repo.find({ order: { id: 'ASC' } });
    this.list = rows.map((d) => ({ id: d.id, code: d.code, name: d.name }));
    this.ids = new Set(this.list.map((d) => d.id));
  }

  all(): DepartmentDto[] {
    return this.list;
  }

  exists(id: number): boolean {
    return this.ids.has(id);
  }
}
