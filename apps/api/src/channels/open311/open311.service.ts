import { Injectable } from '@nestjs/common';
import { normalizePhone } from '@hotline/domain';
import { DataSource } from 'typeorm';
import { AuditTrail } from '../../platform/audit/audit-trail';
import { TicketRegistration } from '../../casework/tickets/ticket-registration.service';
import { UsersRepository } from '../../access/users/users.repository';
import { Open311Keys } from './open311-keys.service';
import { Open311Catalogue } from './open311-catalogue.service';
import { Open311Error } from './open311-error';
import type { Form } from './open311-form';
import { Open311RequestsRepository } from './open311-requests.repository';
import type { Row } from './open311-requests.service';

const NAME_MAX = 64;
const HAN = /\p{Script=Han}/u;
const CONTROL = /[\u0000-\u001f\u007f]/g;

/** The citizen's name as the app gave it: 张 + 明 is 张明, John + Smith is John Smith. */
function personName(form: Form): string {
  const first = form.first_name?.trim() ?? '';
  const last = form.last_name?.trim() ?? '';
  return HAN.test(first + last) ? `${last}${first}` : [first, last].filter(Boolean).join(' ');
}

/**
 * The caller's name and phone as the ticket keeps them. A phone that is not a Chinese number (a visitor's, a typo) does
 * not refuse the request: it is kept as given beside the name — with the caller's identity, so it is masked wherever a
 * confidential caller is — and the ticket's phone stays empty, since calls back and repeat-call checks need a number
 * they can dial.
 */
function caller(form: Form): { callerPhone: string; callerName?: string } {
  const name = personName(form);
  if (!form.phone) return { callerPhone: '', callerName: name.slice(0, NAME_MAX) || undefined };
  const phone = normalizePhone(form.phone);
  if (phone) return { callerPhone: phone, callerName: name.slice(0, NAME_MAX) || undefined };
  const note = `（电话：${form.phone.replace(CONTROL, '').trim().slice(0, 32)}，非中国大陆号码）`;
  return { callerPhone: '', callerName: `${name.slice(0, NAME_MAX - note.length)}${note}` };
}

/**
 * Open311's writes over the hotline's tickets: a request from a civic app becomes a ticket dispatched to the service's
 * department (source open311), seen on every console like any other; a citizen's follow-up joins its record.
 */
@Injectable()
export class Open311Service {
  constructor(
    private readonly db: DataSource,
    private readonly requests: Open311RequestsRepository,
    private readonly users: UsersRepository,
    private readonly catalogue: Open311Catalogue,
    private readonly registration: TicketRegistration,
    private readonly keys: Open311Keys,
    private readonly audit: AuditTrail,
  ) {}

  private systemUser?: Promise<number>;

  /** The account the migration made for Open311 intake; read once. */
  private systemUserId(): Promise<number> {
    this.systemUser ??= this.users.accountId('open311').then(
      (id) => {
        if (id === null) throw new Error('the open311 account is missing (migration 1764100000000)');
        return id;
      },
      (e: unknown) => {
        this.systemUser = undefined; // MySQL was away: ask again next time
        throw e;
      },
    );
    return this.systemUser;
  }

  async key(form: Form): Promise<number> {
    if (!form.api_key) throw new Open311Error(403, 'api_key is required');
    const id = await this.keys.verify(form.api_key);
    if (id === null) throw new Open311Error(403, 'api_key is not valid');
    return id;
  }

  async create(form: Form): Promise<Row[]> {
    const keyId = await this.key(form);
    if (!form.service_code) throw new Open311Error(400, 'service_code is required');
    const service = this.catalogue.service(form.service_code);
    const hasPoint = form.lat !== undefined || form.long !== undefined;
    const lat = hasPoint ? Number(form.lat) : null;
    const lng = hasPoint ? Number(form.long) : null;
    if (hasPoint && (form.lat === undefined || form.long === undefined || !Number.isFinite(lat) || !Number.isFinite(lng) || Math.abs(lat!) > 90 || Math.abs(lng!) > 180)) {
      throw new Open311Error(400, 'lat and long must both be given, as decimal degrees');
    }
    const address = form.address_string?.trim() || undefined;
    const addressId = form.address_id?.trim() || undefined;
    if (!hasPoint && !address && !addressId) throw new Open311Error(400, 'a location is required: lat and long, address_string or address_id');
    const description = form.description?.trim() || service.name;
    if (description.length > 5000) throw new Open311Error(400, 'description is longer than 5000 characters');
    if ((address?.length ?? 0) > 255) throw new Open311Error(400, 'address_string is longer than 255 characters');
    if ((addressId?.length ?? 0) > 64) throw new Open311Error(400, 'address_id is longer than 64 characters');
    const mediaUrl = form.media_url?.trim() || undefined;
    if (mediaUrl && (mediaUrl.length > 1024 || !/^https?:\/\/\S+$/i.test(mediaUrl) || !URL.canParse(mediaUrl))) {
      throw new Open311Error(400, 'media_url must be an http or https URL of at most 1024 characters');
    }
    const ticket = await this.registration.create(
      {
        ...caller(form),
        content: description,
        category: service.category,
        // the department needs a place it can read: the address, else the point, else the register's id
        address: address ?? (hasPoint ? `${lat}, ${lng}` : `地址编号 ${addressId}`),
        departmentId: service.departmentId,
      },
      { id: await this.systemUserId(), username: 'open311', role: 'agent', departmentId: null },
      { lat, lng, keyId, mediaUrl, addressId },
    );
    return [{ service_request_id: String(ticket.id), service_notice: `已受理，工单号 ${ticket.no}`, account_id: null }];
  }

  /** A citizen's follow-up from the app reaches the ticket's record (一案一档). */
  async postUpdate(form: Form): Promise<Row[]> {
    await this.key(form);
    const id = Number(form.service_request_id);
    if (!form.service_request_id || !Number.isInteger(id) || id < 1) throw new Open311Error(400, 'service_request_id is required');
    const description = form.description?.trim();
    if (!description) throw new Open311Error(400, 'description is required');
    if (description.length > 5000) throw new Open311Error(400, 'description is longer than 5000 characters');
    const t = await this.requests.status(id);
    if (!t) throw new Open311Error(404, `service request ${id} not found`);
    if (t.archived) throw new Open311Error(409, `service request ${id} was closed long ago and is archived: it can be read, no longer updated; please submit a new request`);
    const eventId = await this.db.transaction(async (m) => {
      await this.audit.append(m, [
        {
          ticketId: id,
          action: 'citizen_update',
          fromStatus: t.status,
          toStatus: t.status,
          actorId: null,
          actorRole: 'system',
          at: new Date(),
          data: { description, updateId: form.update_id ?? null, source: 'open311' },
        },
      ]);
      return this.requests.lastEventId(m, id);
    });
    return [{ update_id: eventId }];
  }
}
