export default 'plain';
