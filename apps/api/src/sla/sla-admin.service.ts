import { isDuplicateKey } from '../platform/database/errors';
import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { URGENCIES, type BusinessCalendarDto, type SlaPolicyDto, type Urgency } from '@hotline/contracts';
import { calendarProblem, type BusinessCalendar } from '@hotline/domain';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../access/auth/auth-user';
import { BusinessCalendarEntity } from './business-calendar.entity';
import type { CalendarDto, UpdateSlaPolicyDto } from './sla-admin.dto';
import { SlaClock } from './sla-clock.service';
import { SlaPolicyEntity } from './sla-policy.entity';

/** Admin edits of SLA policies and business calendars. A change applies to tickets registered afterwards. */
@Injectable()
export class SlaAdminService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: SlaClock,
  ) {}

  async policies(): Promise<SlaPolicyDto[]> {
    const rows = await this.db.getRepository(SlaPolicyEntity).find();
    return URGENCIES.map((u) => rows.find((r) => r.urgency === u)!).map(toPolicyDto);
  }

  async updatePolicy(urgency: string, dto: UpdateSlaPolicyDto, user: AuthUser): Promise<SlaPolicyDto> {
    if (!URGENCIES.includes(urgency as Urgency)) throw new NotFoundException(`no SLA policy for urgency "${urgency.slice(0, 40)}"; urgencies: ${URGENCIES.join(', ')}`);
    const calendarId = dto.calendarId ?? null;
    if (calendarId !== null && !(await this.db.getRepository(BusinessCalendarEntity).exists({ where: { id: calendarId } }))) {
      throw new BadRequestException(`calendarId ${calendarId} is not a business calendar`);
    }
    const repo = this.db.getRepository(SlaPolicyEntity);
    await repo.update({ urgency: urgency as Urgency }, { ...dto, calendarId, updatedAt: new Date(), updatedBy: user.id });
    this.clock.invalidate();
    return toPolicyDto((await repo.findOneBy({ urgency: urgency as Urgency }))!);
  }

  async calendars(): Promise<BusinessCalendarDto[]> {
    return (await this.db.getRepository(BusinessCalendarEntity).find({ order: { id: 'ASC' } })).map(toCalendarDto);
  }

  async saveCalendar(dto: CalendarDto, id?: number): Promise<BusinessCalendarDto> {
    const definition: BusinessCalendar = {
      weekdays: dto.weekdays,
      holidays: dto.holidays,
      makeUpDays: dto.makeUpDays,
      ...(dto.makeUpPeriods ? { makeUpPeriods: dto.makeUpPeriods } : {}),
    };
    const problem = calendarProblem(definition);
    if (problem) throw new BadRequestException(`calendar: ${problem}`);
    const repo = this.db.getRepository(BusinessCalendarEntity);
    if (id !== undefined && !(await repo.exists({ where: { id } }))) throw new NotFoundException(`calendar ${id} not found`);
    try {
      const saved = await repo.save({ ...(id ? { id } : {}), name: dto.name, definition: JSON.stringify(definition), updatedAt: new Date() });
      this.clock.invalidate();
      return toCalendarDto(saved);
    } catch (e) {
      if (isDuplicateKey(e)) throw new ConflictException(`a calendar named ${dto.name} exists already`);
      throw e;
    }
  }
}

function toPolicyDto(p: SlaPolicyEntity): SlaPolicyDto {
  return {
    urgency: p.urgency,
    resolutionHours: p.resolutionHours,
    warningRatio: p.warningRatio,
    acceptLimitHours: p.acceptLimitHours,
    followUpMinutes: p.followUpMinutes,
    supervisionHours: p.supervisionHours,
    calendarId: p.calendarId,
    updatedAt: p.updatedAt.toISOString(),
  };
}

function toCalendarDto(c: BusinessCalendarEntity): BusinessCalendarDto {
  return {
    id: c.id,
    name: c.name,
    ...(JSON.parse(c.definition) as BusinessCalendar as Omit<BusinessCalendarDto, 'id' | 'name' | 'updatedAt'>),
    updatedAt: c.updatedAt.toISOString(),
  };
}
