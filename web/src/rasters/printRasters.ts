// The visible raster layers as a printed sheet should draw them (bottom first, with opacity): the
// viewer provides them, the enquiry and route panels put them into their print URLs.
import { createContext, useContext } from 'react';
import type { PrintRaster } from '../print/sheetParams';

export const PrintRastersContext = createContext<PrintRaster[]>([]);

export function usePrintRasters(): PrintRaster[] {
  return useContext(PrintRastersContext);
}
