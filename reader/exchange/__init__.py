"""Moving work between Pizhu and other tools: exporters, importers and their drivers."""
