"""realpolitik.web"""
