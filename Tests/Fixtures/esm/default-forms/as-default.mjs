const value = 'as-default';
export { value as default, value };
