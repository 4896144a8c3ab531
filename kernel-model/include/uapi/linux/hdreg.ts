// include/uapi/linux/hdreg.h: what HDIO_GETGEO copies out to a program (the drivers' getgeo()
// fill it in).

/** HDIO_GETGEO: get the device's geometry. */
export const HDIO_GETGEO = 0x0301;

/** struct hd_geometry */
export interface hd_geometry {
  heads: number;
  sectors: number;
  cylinders: number;
  start: number;
}

/** A zeroed struct hd_geometry (memset(&geo, 0, sizeof(geo))). */
export function hd_geometry_zeroed(): hd_geometry {
  return { heads: 0, sectors: 0, cylinders: 0, start: 0 };
}
