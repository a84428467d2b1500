import { createServer, type Server, type Socket } from 'node:net';
import { FrameReader, frame } from '@posops/iso8583';
import type { ModuleDeps } from '../../platform/module';
import type { SecurityModule } from '../security';
import { type ChannelLink, type ChannelLinkOptions, createChannelLink } from './channel-link';
import { handleFrame } from './dispatch';
import { createFinancialDeps } from './financial';
import type { HostContext, HostLog } from './host-context';
import { createSessionStore } from './sessions';

export interface TerminalHost {
  /** Connects the host to its channel (docs/channel-protocol.md); financial requests answer 91 until then. */
  useChannel(options: ChannelLinkOptions): void;
  /** Listens; resolves with the port (useful with port 0). */
  listen(port: number, host: string): Promise<number>;
  /** Stops accepting, lets messages being handled finish, closes every connection. */
  close(): Promise<void>;
  /** Open connections now. */
  connections(): number;
}

/**
 * 终端接入: the ISO 8583 listener for POS terminals (docs/terminal-protocol.md). Length-prefixed frames, many
 * messages per connection and several in flight (answers go out as they are ready), an idle timeout, a
 * frame size limit, a connection limit per remote address, and backpressure: reading pauses while a
 * connection has too many messages in hand or its answers are not being read.
 */
export function createTerminalHost(deps: ModuleDeps, security: SecurityModule, log: HostLog): TerminalHost {
  const config = deps.config;
  let channel: ChannelLink | null = null;
  const host: HostContext = {
    deps,
    security,
    sessions: createSessionStore(deps.db),
    log,
    financial: createFinancialDeps(deps.db, () => channel),
  };
  const perAddress = new Map<string, number>();
  const sockets = new Set<Socket>();
  const pending = new Set<Promise<unknown>>();

  const onConnection = (socket: Socket) => {
    const address = socket.remoteAddress ?? 'unknown';
    const open = (perAddress.get(address) ?? 0) + 1;
    if (open > config.TERMINAL_MAX_CONNECTIONS_PER_ADDRESS) {
      log({
        event: 'connection_refused',
        reason: `more than ${config.TERMINAL_MAX_CONNECTIONS_PER_ADDRESS} from one address`,
        remote: address,
      });
      socket.destroy();
      return;
    }
    perAddress.set(address, open);
    sockets.add(socket);
    socket.setNoDelay(true);
    socket.setTimeout(config.TERMINAL_IDLE_SECONDS * 1000, () => {
      log({ event: 'idle_closed', remote: address });
      socket.end();
    });
    const reader = new FrameReader(config.TERMINAL_MAX_FRAME_BYTES);
    let inFlight = 0;
    let writeBlocked = false;
    const flow = () => {
      if (socket.destroyed) return;
      if (inFlight >= config.TERMINAL_MAX_IN_FLIGHT || writeBlocked) socket.pause();
      else socket.resume();
    };
    socket.on('drain', () => {
      writeBlocked = false;
      flow();
    });
    const handle = (body: Uint8Array) => {
      inFlight++;
      flow();
      const work = handleFrame(host, body, address)
        .then(({ out, close }) => {
          if (socket.destroyed) return;
          if (out && !socket.write(frame(out))) writeBlocked = true;
          if (close) socket.end();
        })
        .catch((error: unknown) => {
          log({ event: 'frame_failed', reason: (error as Error).message, remote: address });
          socket.destroy();
        })
        .finally(() => {
          inFlight--;
          pending.delete(work);
          flow();
        });
      pending.add(work);
    };
    socket.on('data', (chunk: Buffer) => {
      const { frames, error } = reader.push(chunk);
      for (const body of frames) handle(body);
      if (error) {
        log({ event: 'framing_error', reason: error, remote: address });
        socket.destroy();
      }
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      sockets.delete(socket);
      const left = (perAddress.get(address) ?? 1) - 1;
      if (left <= 0) perAddress.delete(address);
      else perAddress.set(address, left);
    });
  };

  let server: Server | null = null;
  return {
    listen(port, hostName) {
      return new Promise((resolve, reject) => {
        server = createServer(onConnection);
        server.once('error', reject);
        server.listen(port, hostName, () => {
          const address = server?.address();
          resolve(typeof address === 'object' && address ? address.port : port);
        });
      });
    },
    async close() {
      channel?.close();
      const closed = server
        ? new Promise<void>((resolve) => server?.close(() => resolve()))
        : Promise.resolve();
      await Promise.allSettled([...pending]);
      for (const socket of sockets) socket.end();
      setTimeout(() => {
        for (const socket of sockets) socket.destroy();
      }, 1000).unref();
      await closed;
    },
    connections: () => sockets.size,
    useChannel(options) {
      channel?.close();
      channel = createChannelLink(options);
    },
  };
}
