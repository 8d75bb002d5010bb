/** The chat socket's states, as useChatSocket() reports them. */
export type ConnectionStatus = 'connecting' | 'open' | 'reconnecting' | 'offline';

export interface ConnectionView {
  readonly label: string;
  /** Tailwind classes of the dot. */
  readonly dot: string;
  /** Whether "Retry now" makes sense: the socket is waiting to try again. */
  readonly canRetry: boolean;
}

const VIEWS: Readonly<Record<ConnectionStatus, ConnectionView>> = {
  open: { label: 'Connected', dot: 'bg-success', canRetry: false },
  connecting: { label: 'Connecting…', dot: 'bg-warning animate-pulse', canRetry: false },
  reconnecting: { label: 'Reconnecting…', dot: 'bg-warning animate-pulse', canRetry: true },
  offline: { label: 'Offline', dot: 'bg-error', canRetry: true },
};

export function connectionView(status: ConnectionStatus): ConnectionView {
  return VIEWS[status] ?? VIEWS.offline;
}
