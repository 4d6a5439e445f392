{
  "targets": [
    {
      "target_name": "theorycheck_native",
      "sources": ["src/compute/native/addon.c"],
      "cflags": ["-O3", "-march=native", "-fopenmp", "-std=gnu11", "-Wall", "-Wno-unused-function"],
      "ldflags": ["-fopenmp"]
    }
  ]
}
