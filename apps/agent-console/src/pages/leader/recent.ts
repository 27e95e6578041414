import type { InstructionDto } from '@hotline/contracts';

/** The latest instructions over the leader's cases, newest first (at most `limit`). */
export function recentInstructions(lists: ReadonlyArray<readonly InstructionDto[] | undefined>, limit = 10): InstructionDto[] {
  return lists
    .flatMap((l) => l ?? [])
    .sort((a, b) => Date.parse(b.at) - Date.parse(a.at) || b.id - a.id)
    .slice(0, limit);
}
