"""selfcheck's built-in checks (installed as ``selfcheck.checks``).

Listed explicitly so frozen builds find them; loaded by the same mechanism as
a company's own checks (``selfcheck.discovery``).
"""

MODULES = [
    "selfcheck.checks.os_uptime",
    "selfcheck.checks.hardware_cpu",
    "selfcheck.checks.hardware_memory",
    "selfcheck.checks.hardware_disk",
    "selfcheck.checks.hardware_battery",
    "selfcheck.checks.hardware_sensors",
    "selfcheck.checks.os_version",
    "selfcheck.checks.os_restart_pending",
    "selfcheck.checks.os_crashes",
    "selfcheck.checks.os_timezone",
    "selfcheck.checks.security_firewall",
    "selfcheck.checks.security_updates",
    "selfcheck.checks.security_encryption",
    "selfcheck.checks.security_antivirus",
    "selfcheck.checks.security_os_support",
    "selfcheck.checks.network_link",
    "selfcheck.checks.network_gateway",
    "selfcheck.checks.network_internet",
    "selfcheck.checks.network_quality",
    "selfcheck.checks.network_dns",
    "selfcheck.checks.network_proxy",
    "selfcheck.checks.network_captive_portal",
    "selfcheck.checks.network_clock",
    "selfcheck.checks.network_https",
    "selfcheck.checks.network_support",
    "selfcheck.checks.devices_printer",
    "selfcheck.checks.devices_sound",
    "selfcheck.checks.devices_microphone",
    "selfcheck.checks.devices_camera",
    "selfcheck.checks.devices_bluetooth",
]
