import { Injectable } from '@nestjs/common';
import { CATEGORY_LABELS, type Category, type DepartmentDto } from '@hotline/contracts';
import { DepartmentsService } from '../../casework/departments/departments.service';
import { Open311Catalogue } from './open311-catalogue.service';
import { Open311Error } from './open311-error';
import { listOf, type Form } from './open311-form';
import { Open311RequestsRepository, type RequestFilter } from './open311-requests.repository';

export type Row = Record<string, string | number | boolean | null>;

const MAX_RESULTS = 1000;
const DEFAULT_DAYS = 90;
const iso = (v: unknown): string | null => (v ? new Date(v as string).toISOString() : null);

export function dateParam(form: Form, name: string): Date | undefined {
  const v = form[name];
  if (v === undefined) return undefined;
  const d = new Date(v);
  if (!/^\d{4}-\d{2}-\d{2}/.test(v) || Number.isNaN(d.getTime())) throw new Open311Error(400, `${name} must be a W3C date-time, e.g. 2026-11-22T10:00:00+08:00`);
  return d;
}

/**
 * A ticket as GeoReport v2 publishes it, to anyone (reading needs no key). A confidential ticket — a report (举报), or
 * one an agent marked so — publishes only that it exists, what kind it is and where it stands: never its words, the
 * department's reply, its place (address, address id, coordinates) or photo, which could name or locate the citizen.
 * The caller is never published.
 */
function published(r: Record<string, any>, dept: DepartmentDto | undefined): Row {
  const secret = Boolean(r.confidential);
  const open = (v: unknown) => (secret || v === null || v === undefined ? null : v);
  return {
    service_request_id: String(r.id),
    status: r.status === 'closed' ? 'closed' : 'open',
    status_notes: open(r.reply) as string | null,
    service_name: dept ? `${dept.name}·${CATEGORY_LABELS[r.category as Category]}` : CATEGORY_LABELS[r.category as Category],
    service_code: dept ? `${r.category}.${dept.code}` : r.category,
    description: open(r.content) as string | null,
    agency_responsible: dept?.name ?? null,
    service_notice: null,
    requested_datetime: iso(r.created_at),
    updated_datetime: iso(r.updated_at),
    expected_datetime: iso(r.due_at),
    address: open(r.address) as string | null,
    address_id: open(r.address_id) as string | null,
    zipcode: null,
    lat: r.lat === null || secret ? null : Number(r.lat),
    long: r.lng === null || secret ? null : Number(r.lng),
    media_url: open(r.media_url) as string | null,
  };
}

/** What Open311 reads: the requests that came through it, and the departments' updates on them. */
@Injectable()
export class Open311Requests {
  constructor(
    private readonly requests: Open311RequestsRepository,
    private readonly departments: DepartmentsService,
    private readonly catalogue: Open311Catalogue,
  ) {}

  /** GET requests: by ids (then nothing else counts, as the standard says), or by service codes, statuses and dates. */
  async list(form: Form, ids?: number[]): Promise<Row[]> {
    let filter: RequestFilter;
    const idList = ids ?? (form.service_request_id ? listOf(form.service_request_id).map(Number) : undefined);
    if (idList) {
      if (!idList.length || idList.some((n) => !Number.isInteger(n) || n < 1)) throw new Open311Error(400, 'service_request_id must be a comma-separated list of ids');
      filter = { ids: idList };
    } else {
      const end = dateParam(form, 'end_date') ?? new Date();
      const start = dateParam(form, 'start_date') ?? new Date(end.getTime() - DEFAULT_DAYS * 86400_000);
      const services = listOf(form.service_code).map((code) => this.catalogue.service(code));
      const statuses = new Set(listOf(form.status).map((s) => s.toLowerCase()));
      if ([...statuses].some((s) => s !== 'open' && s !== 'closed')) throw new Open311Error(400, 'status must be open or closed, or both comma-separated');
      const status = statuses.size === 1 ? (statuses.has('closed') ? 'closed' : 'open') : undefined;
      filter = { from: start, to: end, services, status };
    }
    const rows = await this.requests.find(filter, MAX_RESULTS);
    if (ids && !rows.length) throw new Open311Error(404, `service request ${ids.join(',')} not found`);
    const byId = new Map(this.departments.all().map((d) => [d.id, d]));
    return rows.map((r) => published(r, byId.get(Number(r.department_id))));
  }

  async token(token: string): Promise<Row[]> {
    const id = Number(token);
    if (!/^\d+$/.test(token) || !Number.isSafeInteger(id) || id < 1) throw new Open311Error(404, `token ${token} not found`);
    const [row] = await this.list({}, [id]);
    return [{ service_request_id: row.service_request_id, token }];
  }

  /**
   * FixMyStreet's servicerequestupdates: what the departments answered and when requests closed. FixMyStreet shows
   * them on the public report page, so a confidential ticket's reply is announced, never quoted.
   */
  async updates(form: Form): Promise<Row[]> {
    const end = dateParam(form, 'end_date') ?? new Date();
    const start = dateParam(form, 'start_date') ?? new Date(end.getTime() - DEFAULT_DAYS * 86400_000);
    const rows = await this.requests.updates(start, end, MAX_RESULTS);
    return rows.map((r) => {
      const data = JSON.parse(r.data) as Record<string, unknown>;
      const replied = r.action === 'reply' || r.action === 'resolve';
      const text = replied
        ? r.confidential
          ? '承办部门已答复（保密件，答复内容不公开）'
          : typeof data.reply === 'string'
            ? data.reply
            : ''
        : r.action === 'return'
          ? '工单已退回热线中心重新派单'
          : r.to_status === 'closed'
            ? '回访满意，工单办结'
            : '回访不满意，工单重新办理';
      return {
        update_id: String(r.id),
        service_request_id: String(r.ticket_id),
        status: r.to_status === 'closed' ? 'CLOSED' : 'OPEN',
        updated_datetime: iso(r.at),
        description: text,
        media_url: null,
      };
    });
  }
}
