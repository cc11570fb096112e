// Placeholder translation unit so the area library exists before its sources land.
