import { Injectable } from '@nestjs/common';
import { CATEGORIES, CATEGORY_LABELS, type Category } from '@hotline/contracts';
import { isChinesePhone } from '@hotline/domain';
import { DataSource } from 'typeorm';
import { AuditTrail } from '../audit/audit-trail';
import { DepartmentsService } from '../departments/departments.service';
import { TicketsService } from '../tickets/tickets.service';
import { Open311Keys } from './open311-keys.service';

/** An error in the standard's terms: its HTTP code and a description. */
export class Open311Error extends Error {
  constructor(
    readonly code: 400 | 403 | 404,
    description: string,
  ) {
    super(description);
  }
}

export type Form = Record<string, string | undefined>;
export type Row = Record<string, string | number | boolean | null | string[]>;

const MAX_RESULTS = 1000;
const DEFAULT_DAYS = 90;
const iso = (v: unknown): string | null => (v ? new Date(v as string).toISOString() : null);

function dateParam(form: Form, name: string): Date | undefined {
  const v = form[name];
  if (v === undefined || v === '') return undefined;
  const d = new Date(v);
  if (!/^\d{4}-\d{2}-\d{2}/.test(v) || Number.isNaN(d.getTime())) throw new Open311Error(400, `${name} must be a W3C date-time, e.g. 2026-11-22T10:00:00+08:00`);
  return d;
}

/**
 * Open311 GeoReport v2 over the hotline's tickets. A service is a request type (category) for a department; a request
 * from a civic app becomes a ticket dispatched to that department (source open311) and is seen on every console like
 * any other. Only requests that came through Open311 are listed here, and never a caller's identity.
 */
@Injectable()
export class Open311Service {
  constructor(
    private readonly db: DataSource,
    private readonly departments: DepartmentsService,
    private readonly tickets: TicketsService,
    private readonly keys: Open311Keys,
    private readonly audit: AuditTrail,
  ) {}

  private systemUser?: Promise<number>;

  /** The account the migration made for Open311 intake; read once. */
  private systemUserId(): Promise<number> {
    this.systemUser ??= this.db.query("SELECT id FROM users WHERE username = 'open311'").then(
      ([row]: Array<{ id: number }>) => Number(row.id),
      (e: unknown) => {
        this.systemUser = undefined; // MySQL was away: ask again next time
        throw e;
      },
    );
    return this.systemUser;
  }

  services(): Row[] {
    return this.departments.all().flatMap((d) =>
      CATEGORIES.map((c) => ({
        service_code: `${c}.${d.code}`,
        service_name: `${d.name}·${CATEGORY_LABELS[c]}`,
        description: `${CATEGORY_LABELS[c]}：由${d.name}承办`,
        metadata: false,
        type: 'realtime',
        keywords: [d.name, CATEGORY_LABELS[c]],
        group: d.name,
      })),
    );
  }

  private service(code: string): { category: Category; departmentId: number; name: string } {
    const [category, deptCode] = code.split('.');
    const dept = this.departments.all().find((d) => d.code === deptCode);
    if (!dept || !CATEGORIES.includes(category as Category)) throw new Open311Error(404, `service_code ${code} not found`);
    return { category: category as Category, departmentId: dept.id, name: `${dept.name}·${CATEGORY_LABELS[category as Category]}` };
  }

  definition(code: string): Row {
    this.service(code);
    return { service_code: code, attributes: [] };
  }

  private async key(form: Form): Promise<number> {
    if (!form.api_key) throw new Open311Error(403, 'api_key is required');
    const id = await this.keys.verify(form.api_key);
    if (id === null) throw new Open311Error(403, 'api_key is not valid');
    return id;
  }

  async create(form: Form): Promise<Row[]> {
    const keyId = await this.key(form);
    if (!form.service_code) throw new Open311Error(400, 'service_code is required');
    const service = this.service(form.service_code);
    const hasPoint = form.lat !== undefined || form.long !== undefined;
    const lat = hasPoint ? Number(form.lat) : null;
    const lng = hasPoint ? Number(form.long) : null;
    if (hasPoint && (form.lat === '' || form.long === '' || !Number.isFinite(lat) || !Number.isFinite(lng) || Math.abs(lat!) > 90 || Math.abs(lng!) > 180)) {
      throw new Open311Error(400, 'lat and long must both be given, as decimal degrees');
    }
    const address = form.address_string?.trim();
    if (!hasPoint && !address) throw new Open311Error(400, 'a location is required: lat and long, or address_string');
    const description = form.description?.trim() || service.name;
    if (description.length > 5000) throw new Open311Error(400, 'description is longer than 5000 characters');
    if ((address?.length ?? 0) > 255) throw new Open311Error(400, 'address_string is longer than 255 characters');
    if (form.phone && !isChinesePhone(form.phone)) throw new Open311Error(400, 'phone is not a valid phone number');
    const name = [form.last_name, form.first_name].filter(Boolean).join('').slice(0, 64) || undefined;
    const ticket = await this.tickets.create(
      {
        callerPhone: form.phone ?? '',
        callerName: name,
        content: description,
        category: service.category,
        address: address || (hasPoint ? `${lat}, ${lng}` : undefined),
        departmentId: service.departmentId,
      },
      { id: await this.systemUserId(), username: 'open311', role: 'agent', departmentId: null },
      { lat, lng, keyId },
    );
    return [{ service_request_id: String(ticket.id), service_notice: `已受理，工单号 ${ticket.no}`, account_id: null }];
  }

  async requests(form: Form, ids?: number[]): Promise<Row[]> {
    const where = ["t.source = 'open311'"];
    const params: unknown[] = [];
    const idList = ids ?? (form.service_request_id ? form.service_request_id.split(',').map((s) => Number(s.trim())) : undefined);
    if (idList) {
      if (idList.some((n) => !Number.isInteger(n) || n < 1)) throw new Open311Error(400, 'service_request_id must be a comma-separated list of ids');
      where.push('t.id IN (?)');
      params.push(idList);
    } else {
      const end = dateParam(form, 'end_date') ?? new Date();
      const start = dateParam(form, 'start_date') ?? new Date(end.getTime() - DEFAULT_DAYS * 86400_000);
      where.push('t.created_at >= ? AND t.created_at < ?');
      params.push(start, end);
      if (form.service_code) {
        const s = this.service(form.service_code);
        where.push('t.category = ? AND t.department_id = ?');
        params.push(s.category, s.departmentId);
      }
      if (form.status) {
        if (form.status !== 'open' && form.status !== 'closed') throw new Open311Error(400, 'status must be open or closed');
        where.push(form.status === 'closed' ? "t.status = 'closed'" : "t.status <> 'closed'");
      }
    }
    const rows: Array<Record<string, any>> = await this.db.query(
      `SELECT t.id, t.status, t.category, t.department_id, t.content, t.confidential, t.reply, t.address, t.lat, t.lng, t.created_at, t.updated_at, t.due_at
       FROM tickets t WHERE ${where.join(' AND ')} ORDER BY t.id DESC LIMIT ${MAX_RESULTS}`,
      params,
    );
    if (ids && !rows.length) throw new Open311Error(404, `service request ${ids.join(',')} not found`);
    const names = new Map(this.departments.all().map((d) => [d.id, d]));
    return rows.map((r) => {
      const dept = names.get(Number(r.department_id));
      return {
        service_request_id: String(r.id),
        status: r.status === 'closed' ? 'closed' : 'open',
        status_notes: r.reply ?? null,
        service_name: dept ? `${dept.name}·${CATEGORY_LABELS[r.category as Category]}` : CATEGORY_LABELS[r.category as Category],
        service_code: dept ? `${r.category}.${dept.code}` : r.category,
        // a report (举报) stays confidential: its text is not published
        description: r.confidential ? null : r.content,
        agency_responsible: dept?.name ?? null,
        service_notice: null,
        requested_datetime: iso(r.created_at),
        updated_datetime: iso(r.updated_at),
        expected_datetime: iso(r.due_at),
        address: r.address,
        address_id: null,
        zipcode: null,
        lat: r.lat === null ? null : Number(r.lat),
        long: r.lng === null ? null : Number(r.lng),
        media_url: null,
      };
    });
  }

  async token(token: string): Promise<Row[]> {
    const id = Number(token);
    if (!Number.isInteger(id) || id < 1) throw new Open311Error(404, `token ${token} not found`);
    const [row] = await this.requests({}, [id]);
    return [{ service_request_id: row.service_request_id, token }];
  }

  /** FixMyStreet's servicerequestupdates: what the departments answered and when requests closed. */
  async updates(form: Form): Promise<Row[]> {
    await this.key(form);
    const end = dateParam(form, 'end_date') ?? new Date();
    const start = dateParam(form, 'start_date') ?? new Date(end.getTime() - DEFAULT_DAYS * 86400_000);
    const rows: Array<Record<string, any>> = await this.db.query(
      `SELECT e.id, e.ticket_id, e.action, e.to_status, e.at, e.data FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id
       WHERE t.source = 'open311' AND e.action IN ('reply', 'resolve', 'callback', 'return') AND e.at >= ? AND e.at < ? ORDER BY e.id LIMIT ${MAX_RESULTS}`,
      [start, end],
    );
    return rows.map((r) => {
      const data = JSON.parse(r.data) as Record<string, unknown>;
      const text = r.action === 'reply' || r.action === 'resolve' ? String(data.reply ?? '') : r.action === 'return' ? '工单已退回热线中心重新派单' : r.to_status === 'closed' ? '回访满意，工单办结' : '回访不满意，工单重新办理';
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

  /** A citizen's follow-up from the app reaches the ticket's record (一案一档). */
  async postUpdate(form: Form): Promise<Row[]> {
    await this.key(form);
    const id = Number(form.service_request_id);
    if (!form.service_request_id || !Number.isInteger(id) || id < 1) throw new Open311Error(400, 'service_request_id is required');
    const description = form.description?.trim();
    if (!description) throw new Open311Error(400, 'description is required');
    if (description.length > 5000) throw new Open311Error(400, 'description is longer than 5000 characters');
    const [t] = await this.db.query("SELECT id, status FROM tickets WHERE id = ? AND source = 'open311'", [id]);
    if (!t) throw new Open311Error(404, `service request ${id} not found`);
    const eventId = await this.db.transaction(async (m) => {
      await this.audit.append(m, [
        { ticketId: id, action: 'citizen_update', fromStatus: t.status, toStatus: t.status, actorId: null, actorRole: 'system', at: new Date(), data: { description, updateId: form.update_id ?? null, source: 'open311' } },
      ]);
      const [row] = await m.query('SELECT MAX(id) AS id FROM ticket_events WHERE ticket_id = ?', [id]);
      return String(row.id);
    });
    return [{ update_id: eventId }];
  }
}
