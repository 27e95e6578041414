const FULL_WIDTH = /[\uff01-\uff5e]/g;

/** An address reduced for comparison: full-width to half-width, lower case, no spaces or punctuation. */
export function normalizeAddress(address: string | null | undefined): string | null {
  if (!address) return null;
  const s = address
    .replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]/gu, '');
  return s.length > 0 ? s.slice(0, 120) : null;
}

/** Where a place name ends: an estate, village, community or building, else a road or street. */
const PLACE_ENDS = /^(.*?(?:小区|花园|家园|公寓|新村|新城|苑|村|社区|大厦|广场|中心|商城|市场|学校|医院|园区|工业园))/u;
const ROAD_ENDS = /^(.*?(?:大道|路|街|巷|道|弄))/u;

/** Province, city, district and street prefixes: callers name them or not, the place is the same. 小区/社区/园区 are not districts. */
const DIVISIONS = /^(?:[^省]{1,6}省)?(?:[^市]{1,6}市)?(?:[^区县]{1,6}(?<![小社园校景])(?:区|县))?(?:[^街镇乡]{1,6}(?:街道|镇|乡))?/u;

/**
 * The area of an address, for grouping tickets about the same place: the estate, village or building
 * ("幸福家园3栋2单元" -> "幸福家园"), else the road ("人民路123号" -> "人民路"), else the whole normalised address.
 */
export function areaOf(address: string | null | undefined): string | null {
  const a = normalizeAddress(address);
  if (!a) return null;
  const local = a.replace(DIVISIONS, '') || a;
  const m = PLACE_ENDS.exec(local) ?? ROAD_ENDS.exec(local);
  return (m ? m[1] : local).slice(0, 64);
}
