import PortalUI
