// A charge point for the server tests, built on the third-party OCPP-J client ocpp-rpc.
// Reads one JSON command per line on stdin and answers each with one JSON line on stdout:
//   {"op":"connect","endpoint":"ws://127.0.0.1:5080/ocpp","identity":"CP1","password":"...","protocols":["ocpp1.6"],"strict":true}
//   {"op":"call","action":"BootNotification","payload":{...}}   -> {"ok":true,"result":{...}} | {"ok":false,"code":"...","message":"..."}
//   {"op":"raw","frame":"[2,\"1\"]","expectReply":true}          -> {"ok":true,"reply":"<text>"} | {"ok":true,"closed":{...}}
//   {"op":"waitClose","timeoutMs":5000}                          -> {"ok":true,"closed":{"code":1008,"reason":"..."}}
//   {"op":"close"}                                               -> {"ok":true}
//   {"op":"answer","action":"TriggerMessage","result":{...}}     -> {"ok":true}; the server's CALLs of that action are
//                                                                   recorded and answered with result (none: ocpp-rpc's NotImplemented)
//   {"op":"calls","action":"TriggerMessage","count":2,"timeoutMs":5000} -> {"ok":true|false,"calls":[{params}, ...]}
// In strict mode ocpp-rpc validates our requests and the server's responses against the official OCPP schemas.
import readline from 'node:readline';
import rpc from 'ocpp-rpc';

const { RPCClient } = rpc;
let client = null;
const inbound = [];
let waiter = null;
let closed = null;
const received = {};

function send(obj) {
  process.stdout.write(JSON.stringify(obj) + '\n');
}

function nextEvent(timeoutMs) {
  return new Promise((resolve) => {
    if (inbound.length > 0) return resolve({ reply: inbound.shift() });
    if (closed) return resolve({ closed });
    const timer = setTimeout(() => { waiter = null; resolve({ timeout: true }); }, timeoutMs);
    waiter = (event) => { clearTimeout(timer); waiter = null; resolve(event); };
  });
}

async function handle(cmd) {
  switch (cmd.op) {
    case 'connect': {
      closed = null;
      inbound.length = 0;
      client = new RPCClient({
        endpoint: cmd.endpoint,
        identity: cmd.identity,
        password: cmd.password,
        protocols: cmd.protocols,
        strictMode: cmd.strict === true,
        reconnect: false,
        callTimeoutMs: 15000,
      });
      client.on('message', ({ message, outbound }) => {
        if (outbound) return;
        const text = message.toString();
        if (waiter) waiter({ reply: text }); else inbound.push(text);
      });
      client.on('close', ({ code, reason }) => {
        closed = { code, reason: reason ? reason.toString() : '' };
        if (waiter) waiter({ closed });
      });
      try {
        const result = await client.connect();
        return { ok: true, protocol: client.protocol ?? null, status: result?.response?.statusCode ?? null };
      } catch (err) {
        return { ok: false, status: err.code ?? null, error: String(err.message ?? err) };
      }
    }
    case 'call': {
      try {
        const result = await client.call(cmd.action, cmd.payload);
        inbound.length = 0;
        return { ok: true, result };
      } catch (err) {
        inbound.length = 0;
        return { ok: false, code: err.rpcErrorCode ?? err.name ?? null, message: String(err.message ?? err) };
      }
    }
    case 'raw': {
      inbound.length = 0;
      client.sendRaw(cmd.frame);
      if (cmd.expectReply === false) return { ok: true };
      const event = await nextEvent(cmd.timeoutMs ?? 5000);
      return { ok: true, ...event };
    }
    case 'waitClose': {
      const deadline = Date.now() + (cmd.timeoutMs ?? 5000);
      while (!closed && Date.now() < deadline) {
        const event = await nextEvent(deadline - Date.now());
        if (event.closed || event.timeout) break;
      }
      return closed ? { ok: true, closed } : { ok: false, error: 'still open' };
    }
    case 'answer': {
      received[cmd.action] = [];
      client.handle(cmd.action, ({ params }) => {
        received[cmd.action].push(params);
        if (cmd.result === undefined) throw rpc.createRPCError('NotImplemented');
        return cmd.result;
      });
      return { ok: true };
    }
    case 'calls': {
      const deadline = Date.now() + (cmd.timeoutMs ?? 5000);
      const calls = () => received[cmd.action] ?? [];
      while (calls().length < cmd.count && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return { ok: calls().length >= cmd.count, calls: calls() };
    }
    case 'close': {
      if (client) await client.close({ code: 1000, awaitPending: false });
      return { ok: true };
    }
    default:
      return { ok: false, error: `unknown op ${cmd.op}` };
  }
}

const lines = readline.createInterface({ input: process.stdin });
// One command at a time, in order.
let chain = Promise.resolve();
lines.on('line', (line) => {
  chain = chain.then(async () => {
    try {
      send(await handle(JSON.parse(line)));
    } catch (err) {
      send({ ok: false, error: String(err?.stack ?? err) });
    }
  });
});
lines.on('close', () => chain.then(() => process.exit(0)));
