/** A socket that can be ended from outside: at sign-out, every socket of that session. */
export interface ClosableSocket {
  end(code: number, reason: string): void;
}

/** The open chat sockets of each sign-in session. */
export class SocketRegistry {
  private readonly bySession = new Map<string, Set<ClosableSocket>>();

  add(sessionKey: string, socket: ClosableSocket): void {
    let set = this.bySession.get(sessionKey);
    if (!set) this.bySession.set(sessionKey, (set = new Set()));
    set.add(socket);
  }

  remove(sessionKey: string, socket: ClosableSocket): void {
    const set = this.bySession.get(sessionKey);
    set?.delete(socket);
    if (set?.size === 0) this.bySession.delete(sessionKey);
  }

  /** Ends every socket of a session that was signed out. */
  endSession(sessionKey: string): number {
    const set = this.bySession.get(sessionKey);
    if (!set) return 0;
    this.bySession.delete(sessionKey);
    for (const socket of set) socket.end(4401, 'signed out');
    return set.size;
  }
}
