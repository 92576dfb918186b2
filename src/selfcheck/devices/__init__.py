"""Device facts (printers, sound, camera, Bluetooth) for the devices.* checks, per platform."""
