import { Injectable } from '@nestjs/common';
import { CATEGORIES, CATEGORY_LABELS, type Category } from '@hotline/contracts';
import { EnvDto } from '../../platform/config/env.dto';
import { DepartmentsService } from '../../casework/departments/departments.service';
import { Open311Error } from './open311-error';

export const OPEN311_BASE = '/open311/v2';
/** When this endpoint's GeoReport behaviour last changed (discovery's changeset). */
const CHANGESET = '2026-12-03T00:00:00Z';

/**
 * What the endpoint offers: discovery, and the services — each request type (category) of each department,
 * `<category>.<department code>`, e.g. `help.utilities`.
 */
@Injectable()
export class Open311Catalogue {
  constructor(
    private readonly env: EnvDto,
    private readonly departments: DepartmentsService,
  ) {}

  /** The endpoint's own address: PUBLIC_URL when set, else a relative one; never what a request's Host header says. */
  discovery() {
    const url = `${this.env.PUBLIC_URL.replace(/\/+$/, '')}${OPEN311_BASE}/`;
    return {
      changeset: CHANGESET,
      contact: '12345 政务服务便民热线（市政务服务热线中心）',
      key_service: '向热线中心管理员申请 api_key',
      endpoints: [{ specification: 'http://wiki.open311.org/GeoReport_v2', url, changeset: CHANGESET, type: 'production', formats: ['text/xml', 'application/json'] }],
    };
  }

  services() {
    return this.departments.all().flatMap((d) =>
      CATEGORIES.map((c) => ({
        service_code: `${c}.${d.code}`,
        service_name: `${d.name}·${CATEGORY_LABELS[c]}`,
        description: `${CATEGORY_LABELS[c]}：由${d.name}承办`,
        metadata: false,
        type: 'realtime',
        keywords: `${d.name},${CATEGORY_LABELS[c]}`,
        group: d.name,
      })),
    );
  }

  /** The request type and department a service code names; 404 in the standard's terms when there is none. */
  service(code: string): { category: Category; departmentId: number; name: string } {
    const [, category, deptCode] = /^([a-z]+)\.([a-z0-9_-]+)$/.exec(code.trim()) ?? [];
    const dept = this.departments.all().find((d) => d.code === deptCode);
    if (!dept || !CATEGORIES.includes(category as Category)) throw new Open311Error(404, `service_code ${code} not found`);
    return { category: category as Category, departmentId: dept.id, name: `${dept.name}·${CATEGORY_LABELS[category as Category]}` };
  }

  /** No service asks for more than the standard fields: a definition without attributes. */
  definition(code: string) {
    this.service(code);
    return { service_code: code, attributes: [] as unknown[] };
  }
}
