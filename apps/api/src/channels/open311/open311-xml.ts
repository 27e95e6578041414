import { xmlSafeText } from '@hotline/domain';
import { XMLBuilder } from 'fast-xml-parser';

const builder = new XMLBuilder({ format: true, suppressEmptyNode: false });

/** The element each member of a list is written as, by the list's own name (GeoReport v2's XML). */
const MEMBER: Record<string, string> = { endpoints: 'endpoint', formats: 'format', attributes: 'attribute', values: 'value' };

function element(value: unknown, name: string): unknown {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return xmlSafeText(value);
  if (Array.isArray(value)) {
    const member = MEMBER[name];
    if (!member) throw new Error(`no XML member element for the list ${name}`);
    return { [member]: value.map((v) => element(v, member)) };
  }
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, element(v, k)]));
  return value;
}

/**
 * The XML form of a GeoReport v2 answer: a list as `<root><item>…</item>…</root>`, an object (discovery, a service
 * definition) as `<root>…</root>`; its own lists nested the standard's way (`<formats><format>…`), null as an empty
 * element, and every character XML 1.0 forbids left out, so that no ticket's text makes the document unreadable.
 */
export function toOpen311Xml(root: string, item: string | null, value: unknown): string {
  const body = Array.isArray(value) ? { [item ?? root]: value.map((v) => element(v, item ?? root)) } : element(value, root);
  return `<?xml version="1.0" encoding="utf-8"?>\n${builder.build({ [root]: body })}`;
}
