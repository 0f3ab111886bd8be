// gdal3.js types its browser entry only; the Node entry has the same API.
declare module 'gdal3.js/node.js' {
  import initGdalJs from 'gdal3.js';
  export default initGdalJs;
}
