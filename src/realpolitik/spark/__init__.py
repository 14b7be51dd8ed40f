"""realpolitik.spark"""
