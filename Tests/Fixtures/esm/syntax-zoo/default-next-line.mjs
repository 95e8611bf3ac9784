export default
{ value: 'object on next line' }.value
