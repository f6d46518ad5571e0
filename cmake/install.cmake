# `cmake --install` and the Debian package (CPack): the mnsim executable in bin/, the data tables
# and examples under share/mnsim/ (where an installed mnsim finds them, core/data_dir.hpp), the
# documentation and licence under share/doc/mnsim/.
include(GNUInstallDirs)

install(TARGETS mnsim RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/data/ DESTINATION ${CMAKE_INSTALL_DATADIR}/mnsim/data)
# Examples beside the data: `mnsim validation` reads its scenarios from examples/validation/,
# next to data/ (share/mnsim/examples/validation in an installed copy).
install(DIRECTORY ${PROJECT_SOURCE_DIR}/examples/ DESTINATION ${CMAKE_INSTALL_DATADIR}/mnsim/examples)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/docs/ DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(FILES ${PROJECT_SOURCE_DIR}/README.md ${PROJECT_SOURCE_DIR}/CHANGELOG.md ${PROJECT_SOURCE_DIR}/CITATION.cff
              ${PROJECT_SOURCE_DIR}/LICENSE
        DESTINATION ${CMAKE_INSTALL_DOCDIR})
# Debian policy names the licence file share/doc/<package>/copyright.
install(FILES ${PROJECT_SOURCE_DIR}/LICENSE DESTINATION ${CMAKE_INSTALL_DOCDIR} RENAME copyright)

# The Python package (python/mnsim and its compiled core) where Debian's python3 looks; it finds
# the data under share/mnsim (python/mnsim/__init__.py).
if(TARGET mnsim_python)
  set(MNSIM_PYTHON_DIR lib/python3/dist-packages/mnsim)
  install(TARGETS mnsim_python LIBRARY DESTINATION ${MNSIM_PYTHON_DIR})
  install(DIRECTORY ${PROJECT_SOURCE_DIR}/python/mnsim/ DESTINATION ${MNSIM_PYTHON_DIR})
endif()

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME mnsim)
set(CPACK_PACKAGE_VENDOR "mnsim developers")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "skin microneedling simulator and treatment planner")
set(CPACK_PACKAGE_DESCRIPTION
    "Simulates skin microneedling end to end (needle insertion in layered skin, wounds, transport of products through the channels, healing, collagen and hazards) and plans treatments with an aftercare schedule. Model predictions for education and research, not medical advice. Licence: Apache-2.0.")
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "mnsim developers <mnsim@invalid>")
set(CPACK_DEBIAN_PACKAGE_SECTION science)
# Shared-library dependencies (HDF5, SUNDIALS, fmt, OpenSSL, OpenMP ...) from dpkg-shlibdeps; the
# figures are drawn by gnuplot, run as a program.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "gnuplot-nox | gnuplot")
include(CPack)
