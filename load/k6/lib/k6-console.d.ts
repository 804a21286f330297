// k6 provides a console (https://grafana.com/docs/k6/latest/javascript-api/#console) that @types/k6 does not
// declare, and lib ["ES2020"] deliberately leaves out the DOM's. Only what k6 implements is declared here.
declare global {
  const console: {
    log(...data: unknown[]): void;
    info(...data: unknown[]): void;
    warn(...data: unknown[]): void;
    error(...data: unknown[]): void;
    debug(...data: unknown[]): void;
  };
}

export {};
