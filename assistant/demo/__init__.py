"""The demo portfolio of the fictional vendor Northwind Data (data files) and its loader."""
