export default function namedFn() { return 'named-fn'; }
export const viaLocal = () => namedFn();
