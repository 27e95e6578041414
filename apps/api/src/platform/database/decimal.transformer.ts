import type { ValueTransformer } from 'typeorm';

/** DECIMAL columns come back from mysql2 as strings; the domain works with numbers. */
export const DECIMAL: ValueTransformer = { to: (v: number) => v, from: (v: string | number | null) => (v === null ? v : Number(v)) };
