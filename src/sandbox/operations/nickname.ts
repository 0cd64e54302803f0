/** A nickname as stored: trimmed, and blank means none (so a blank field clears it). */
export function cleanNickname(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}
