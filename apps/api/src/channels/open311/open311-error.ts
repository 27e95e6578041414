/** An error in the standard's terms: its HTTP code and a description. */
export class Open311Error extends Error {
  constructor(
    readonly code: 400 | 403 | 404 | 409,
    description: string,
  ) {
    super(description);
  }
}
