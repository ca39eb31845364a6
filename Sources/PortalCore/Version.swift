public enum PortalVersion { public static let string = "0.1.0" }
