/**
 * A Redis command the relay does not wait for. ioredis rejects a command it could not send (Redis away
 * longer than its retries): unhandled, that rejection would end the process. The relay logs it instead;
 * what it carried (a join, a room notice) is retried by its sender.
 */
export function fireAndLog(command: Promise<unknown>, log: (line: string) => void, what: string): void {
  command.catch((err: unknown) => log(`relay: Redis ${what} failed (${err instanceof Error ? err.message : String(err)})`));
}
