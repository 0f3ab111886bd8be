"""Loads a Chizu layer through QGIS's own OGC API Features provider (OAPIF), headless, and prints
what QGIS read as JSON: whether the layer is valid, its feature count, field names and every
feature's attributes with its point in the layer's CRS. Run with Debian's python3 (python3-qgis)
and QT_QPA_PLATFORM=offscreen:

    python3 qgis_oapif.py BASE_URL LAYER USERNAME TOKEN
"""
import json
import os
import sys

from qgis.PyQt.QtCore import QDate, QDateTime, Qt
from qgis.core import QgsApplication, QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsProject, QgsVectorLayer


def main() -> None:
    base_url, layer_key, username, token = sys.argv[1:5]
    QgsApplication.setPrefixPath('/usr', True)  # without it the providers are not found (and QGIS crashes)
    app = QgsApplication([], False)
    app.initQgis()
    try:
        # QGIS can send only a user name and password to a feature service: the token is the password.
        uri = (f"url='{base_url}/ogc' typename='{layer_key}' username='{username}' password='{token}' "
               "restrictToRequestBBOX='0' pagingEnabled='true'")
        layer = QgsVectorLayer(uri, layer_key, 'OAPIF')
        out = {'valid': layer.isValid(), 'error': layer.error().summary() if not layer.isValid() else None}
        if layer.isValid():
            to_6677 = QgsCoordinateTransform(layer.crs(), QgsCoordinateReferenceSystem('EPSG:6677'), QgsProject.instance())
            features = []
            for f in layer.getFeatures():
                point = to_6677.transform(f.geometry().asPoint()) if f.hasGeometry() else None
                attrs = {name: plain(f[name]) for name in layer.fields().names()}
                # x easting, y northing: QGIS keeps the traditional GIS axis order.
                features.append({'attributes': attrs, 'x': point.x() if point else None, 'y': point.y() if point else None})
            out.update({'crs': layer.crs().authid(), 'count': layer.featureCount(), 'fields': layer.fields().names(), 'features': features})
        print(json.dumps(out, ensure_ascii=False), flush=True)
    finally:
        # QGIS 3.22 crashes in exitQgis() after a network provider was used; the answer is out, so leave.
        os._exit(0)


def plain(value):
    """A QGIS attribute value as JSON: dates as ISO text, NULL (a QVariant) as None."""
    if isinstance(value, QDate):
        return value.toString(Qt.ISODate)
    if isinstance(value, QDateTime):
        return value.toString(Qt.ISODate)
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return None if str(value) == 'NULL' else str(value)


if __name__ == '__main__':
    main()
