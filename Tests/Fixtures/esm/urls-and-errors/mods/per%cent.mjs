export default 'percent in the file name';
