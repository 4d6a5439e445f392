/** The few jstat functions theorycheck uses (jstat ships no types). */
declare module 'jstat' {
  const jstat: {
    jStat: {
      /** Regularized incomplete beta function I_x(a, b). */
      ibeta(x: number, a: number, b: number): number;
      /** ln B(a, b). */
      betaln(a: number, b: number): number;
      /** ln C(n, k). */
      combinationln(n: number, k: number): number;
    };
  };
  export default jstat;
}
