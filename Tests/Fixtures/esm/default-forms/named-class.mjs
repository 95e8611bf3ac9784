export default class Named { static kind = 'named-class'; }
export const make = () => new Named();
