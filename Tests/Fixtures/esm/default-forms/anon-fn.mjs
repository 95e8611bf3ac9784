export default function () { return 'anon-fn'; }
